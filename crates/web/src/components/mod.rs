//! The page's components, one per file.

mod app;
mod compare_bar;
mod error_banner;
mod header;
mod model_status;
mod result_view;
mod text_input;

pub use app::App;
pub use compare_bar::CompareBar;
pub use error_banner::ErrorBanner;
pub use header::Header;
pub use model_status::ModelStatusView;
pub use result_view::ResultView;
pub use text_input::TextInput;
