//! The jobdelta page; see the `jobdelta-web` library.

fn main() {
    jobdelta_web::run();
}
