//! The pictures' pure logic, tested natively: fitting map points into a canvas and back
//! (pan, zoom, hit-testing), ordering a heatmap's rows and columns so blocks show, the fit
//! histogram, the skills the posts ask for, and the map as an SVG document. The components
//! (`components/{embedding_map, heatmap, charts}.rs`) only draw what these return.

use std::collections::HashMap;
use std::fmt::Write as _;

use jobdelta_matching::{Coverage, Report};
use jobdelta_protocol::{MapPoint, MapSource};

/// Where the map's points sit on the canvas: screen = (map − centre) × scale + half size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Map coordinates at the canvas centre.
    pub centre: [f32; 2],
    /// Pixels per map unit.
    pub scale: f32,
    /// Canvas size in CSS pixels.
    pub size: [f32; 2],
}

/// Space kept free around the points when the view fits them (pixels).
const FIT_MARGIN: f32 = 24.0;

impl Viewport {
    /// The view that shows every point, with a margin, one scale for both axes.
    pub fn fit(points: &[MapPoint], size: [f32; 2]) -> Self {
        let (mut min, mut max) = ([f32::MAX; 2], [f32::MIN; 2]);
        for p in points {
            min = [min[0].min(p.x), min[1].min(p.y)];
            max = [max[0].max(p.x), max[1].max(p.y)];
        }
        if points.is_empty() {
            (min, max) = ([-1.0; 2], [1.0; 2]);
        }
        let span = [(max[0] - min[0]).max(1e-6), (max[1] - min[1]).max(1e-6)];
        let room = [
            (size[0] - 2.0 * FIT_MARGIN).max(1.0),
            (size[1] - 2.0 * FIT_MARGIN).max(1.0),
        ];
        Self {
            centre: [(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0],
            scale: (room[0] / span[0]).min(room[1] / span[1]),
            size,
        }
    }

    /// A map point's place on the canvas.
    pub fn to_screen(&self, x: f32, y: f32) -> [f32; 2] {
        [
            (x - self.centre[0]) * self.scale + self.size[0] / 2.0,
            (y - self.centre[1]) * self.scale + self.size[1] / 2.0,
        ]
    }

    /// The map point under a canvas position.
    pub fn to_map(&self, screen: [f32; 2]) -> [f32; 2] {
        [
            (screen[0] - self.size[0] / 2.0) / self.scale + self.centre[0],
            (screen[1] - self.size[1] / 2.0) / self.scale + self.centre[1],
        ]
    }

    /// The view moved by a drag of `dx`, `dy` pixels.
    pub fn panned(&self, dx: f32, dy: f32) -> Self {
        Self {
            centre: [
                self.centre[0] - dx / self.scale,
                self.centre[1] - dy / self.scale,
            ],
            ..*self
        }
    }

    /// The view zoomed by `factor` around a canvas position, which stays where it is.
    pub fn zoomed(&self, factor: f32, at: [f32; 2]) -> Self {
        let factor = factor.clamp(0.05, 20.0);
        let anchor = self.to_map(at);
        let scale = self.scale * factor;
        Self {
            centre: [
                anchor[0] - (at[0] - self.size[0] / 2.0) / scale,
                anchor[1] - (at[1] - self.size[1] / 2.0) / scale,
            ],
            scale,
            size: self.size,
        }
    }

    /// The point nearest to a canvas position within `radius` pixels.
    pub fn hit(&self, points: &[MapPoint], at: [f32; 2], radius: f32) -> Option<usize> {
        points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let s = self.to_screen(p.x, p.y);
                (i, (s[0] - at[0]).powi(2) + (s[1] - at[1]).powi(2))
            })
            .filter(|&(_, d)| d <= radius * radius)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }

    /// The points inside the canvas rectangle with corners `a` and `b` (any two opposite
    /// corners, as a drag draws them), in map order.
    pub fn points_in(&self, points: &[MapPoint], a: [f32; 2], b: [f32; 2]) -> Vec<usize> {
        let (low, high) = (
            [a[0].min(b[0]), a[1].min(b[1])],
            [a[0].max(b[0]), a[1].max(b[1])],
        );
        points
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                let [x, y] = self.to_screen(p.x, p.y);
                (low[0]..=high[0]).contains(&x) && (low[1]..=high[1]).contains(&y)
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// What the map's colours tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorBy {
    /// Resume sentences against requirements.
    #[default]
    Kind,
    /// Which post a requirement comes from.
    Post,
    /// Whether the resume covers a requirement.
    Status,
}

/// Okabe-Ito colours (told apart by people with colour-blindness), then more for many posts.
pub const PALETTE: [&str; 10] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999",
    "#7B4173", "#8C6D31",
];

/// The colour of resume sentences whatever the colouring.
const RESUME_COLOR: &str = "#0072B2";

/// The legend group a point belongs to under a colouring, and its label.
pub fn group_of(report: &Report, source: MapSource, by: ColorBy) -> (usize, String) {
    match (source, by) {
        (MapSource::Resume { .. }, _) => (0, "Your resume".to_owned()),
        (MapSource::Requirement { .. }, ColorBy::Kind) => (1, "Requirements".to_owned()),
        (MapSource::Requirement { post, .. }, ColorBy::Post) => (
            post + 1,
            report
                .posts
                .get(post)
                .map_or_else(|| format!("Post {}", post + 1), |p| p.title.clone()),
        ),
        (MapSource::Requirement { post, requirement }, ColorBy::Status) => {
            match requirement_of(report, post, requirement).map(|r| r.status) {
                Some(Coverage::Covered) => (1, "Covered".to_owned()),
                Some(Coverage::Partly) => (2, "Partly".to_owned()),
                _ => (3, "Not covered".to_owned()),
            }
        }
    }
}

/// The colour of a legend group.
pub fn group_color(group: usize, by: ColorBy) -> &'static str {
    match (by, group) {
        (_, 0) => RESUME_COLOR,
        (ColorBy::Status, 1) => "#009E73",
        (ColorBy::Status, 2) => "#E69F00",
        (ColorBy::Status, _) => "#D55E00",
        (_, g) => PALETTE[1 + (g - 1) % (PALETTE.len() - 1)],
    }
}

/// The requirement a point stands for.
pub fn requirement_of(
    report: &Report,
    post: usize,
    requirement: usize,
) -> Option<&jobdelta_matching::RequirementReport> {
    report.posts.get(post)?.requirements.get(requirement)
}

/// A point's text and where it comes from ("Your resume" or the post's title).
pub fn describe(report: &Report, source: MapSource) -> (String, String) {
    match source {
        MapSource::Resume { sentence } => (
            report
                .resume
                .get(sentence)
                .map_or_else(String::new, |s| s.text.clone()),
            "Your resume".to_owned(),
        ),
        MapSource::Requirement { post, requirement } => (
            requirement_of(report, post, requirement).map_or_else(String::new, |r| r.text.clone()),
            report
                .posts
                .get(post)
                .map_or_else(|| format!("Post {}", post + 1), |p| p.title.clone()),
        ),
    }
}

/// The legend: each group present, in group order, with its label and how many points.
pub fn legend(report: &Report, points: &[MapPoint], by: ColorBy) -> Vec<(usize, String, usize)> {
    let mut groups: Vec<(usize, String, usize)> = Vec::new();
    for p in points {
        let (group, label) = group_of(report, p.source, by);
        match groups.iter_mut().find(|g| g.0 == group) {
            Some(g) => g.2 += 1,
            None => groups.push((group, label, 1)),
        }
    }
    groups.sort_by_key(|g| g.0);
    groups
}

/// Rows and columns of a similarity grid (`per_mille`, row by row, `columns` wide) in an
/// order that shows blocks: columns by the row they match best, rows by the column they match
/// best in that order (ties by the higher score), so each requirement sits next to the resume
/// sentences that answer it.
pub fn seriate(per_mille: &[i16], columns: usize) -> (Vec<usize>, Vec<usize>) {
    if columns == 0 {
        return (Vec::new(), Vec::new());
    }
    let rows = per_mille.len().checked_div(columns).unwrap_or(0);
    let at = |r: usize, c: usize| per_mille[r * columns + c];
    let best_column = |r: usize| (0..columns).max_by_key(|&c| (at(r, c), usize::MAX - c));
    let best_row = |c: usize| (0..rows).max_by_key(|&r| (at(r, c), usize::MAX - r));
    // Rows first by their best column's index, so columns can follow the rows' order.
    let mut row_order: Vec<usize> = (0..rows).collect();
    row_order.sort_by_key(|&r| {
        (
            best_column(r),
            -i32::from(best_column(r).map_or(0, |c| at(r, c))),
        )
    });
    let row_rank: HashMap<usize, usize> =
        row_order.iter().enumerate().map(|(i, &r)| (r, i)).collect();
    let mut column_order: Vec<usize> = (0..columns).collect();
    column_order.sort_by_key(|&c| {
        let r = best_row(c);
        (
            r.and_then(|r| row_rank.get(&r).copied()),
            -i32::from(r.map_or(0, |r| at(r, c))),
            c,
        )
    });
    let column_rank: HashMap<usize, usize> = column_order
        .iter()
        .enumerate()
        .map(|(i, &c)| (c, i))
        .collect();
    row_order.sort_by_key(|&r| {
        let c = best_column(r);
        (
            c.and_then(|c| column_rank.get(&c).copied()),
            -i32::from(c.map_or(0, |c| at(r, c))),
            r,
        )
    });
    (row_order, column_order)
}

/// How many posts' fits fall in each of `bins` equal slices of 0..=1 (a fit of 1 counts in
/// the last).
pub fn histogram(fits: &[f32], bins: usize) -> Vec<usize> {
    let mut counts = vec![0; bins];
    if bins == 0 {
        return counts;
    }
    for &fit in fits {
        let bin = ((fit.clamp(0.0, 1.0) * bins as f32) as usize).min(bins - 1);
        counts[bin] += 1;
    }
    counts
}

/// One skill the posts ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillDemand {
    /// Canonical name.
    pub term: String,
    /// Posts that name it in a requirement.
    pub posts: usize,
    /// Whether the resume names it.
    pub in_resume: bool,
}

/// The skills the posts' requirements name, most asked first (then by name), each counted
/// once per post, with whether the resume names it.
pub fn skill_demand(report: &Report) -> Vec<SkillDemand> {
    let mut by_term: HashMap<&str, SkillDemand> = HashMap::new();
    for post in &report.posts {
        let mut seen: Vec<&str> = Vec::new();
        for skill in post.requirements.iter().flat_map(|r| &r.skills.skills) {
            let entry = by_term
                .entry(skill.term.as_str())
                .or_insert_with(|| SkillDemand {
                    term: skill.term.clone(),
                    posts: 0,
                    in_resume: false,
                });
            entry.in_resume |= skill.resume_index.is_some();
            if !seen.contains(&skill.term.as_str()) {
                seen.push(skill.term.as_str());
                entry.posts += 1;
            }
        }
    }
    let mut skills: Vec<SkillDemand> = by_term.into_values().collect();
    skills.sort_by(|a, b| b.posts.cmp(&a.posts).then_with(|| a.term.cmp(&b.term)));
    skills
}

/// Escapes text for SVG/XML.
pub fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The map as a standalone SVG document (`size` pixels square): a dot per point in its
/// group's colour with its text and source as a tooltip, and the legend.
pub fn map_svg(report: &Report, points: &[MapPoint], by: ColorBy, size: f32) -> String {
    let legend_height = 22.0 * legend(report, points, by).len() as f32 + 10.0;
    let view = Viewport::fit(points, [size, size]);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {h}" width="{size}" height="{h}" font-family="sans-serif" font-size="13"><rect width="100%" height="100%" fill="white"/>"#,
        h = size + legend_height
    );
    for p in points {
        let [x, y] = view.to_screen(p.x, p.y);
        let (group, _) = group_of(report, p.source, by);
        let (text, from) = describe(report, p.source);
        let _ = writeln!(
            out,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="4" fill="{}" fill-opacity="0.8"><title>{} ({})</title></circle>"#,
            group_color(group, by),
            xml_escape(&text),
            xml_escape(&from)
        );
    }
    for (row, (group, label, count)) in legend(report, points, by).into_iter().enumerate() {
        let y = size + 16.0 + 22.0 * row as f32;
        let _ = writeln!(
            out,
            r#"<circle cx="16" cy="{cy:.0}" r="5" fill="{}"/><text x="28" y="{y:.0}">{} ({count})</text>"#,
            group_color(group, by),
            xml_escape(&label),
            cy = y - 4.0
        );
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn point(x: f32, y: f32, sentence: usize) -> MapPoint {
        MapPoint {
            x,
            y,
            source: MapSource::Resume { sentence },
        }
    }

    #[test]
    fn the_fitted_view_shows_every_point_inside_the_margin() {
        let points = [point(-3.0, 1.0, 0), point(5.0, 2.0, 1), point(1.0, -7.0, 2)];
        let view = Viewport::fit(&points, [400.0, 300.0]);
        for p in &points {
            let [x, y] = view.to_screen(p.x, p.y);
            assert!(
                (FIT_MARGIN - 0.01..=400.0 - FIT_MARGIN + 0.01).contains(&x),
                "{x}"
            );
            assert!(
                (FIT_MARGIN - 0.01..=300.0 - FIT_MARGIN + 0.01).contains(&y),
                "{y}"
            );
        }
        let back = view.to_map(view.to_screen(5.0, 2.0));
        assert!((back[0] - 5.0).abs() < 1e-4 && (back[1] - 2.0).abs() < 1e-4);
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor_and_pan_moves_with_the_drag() {
        let view = Viewport::fit(&[point(0.0, 0.0, 0), point(10.0, 10.0, 1)], [200.0, 200.0]);
        let at = [50.0, 120.0];
        let before = view.to_map(at);
        let zoomed = view.zoomed(2.5, at);
        let after = zoomed.to_map(at);
        assert!((before[0] - after[0]).abs() < 1e-4 && (before[1] - after[1]).abs() < 1e-4);
        assert!((zoomed.scale - view.scale * 2.5).abs() < 1e-4);
        let panned = view.panned(30.0, -10.0);
        let [x, y] = view.to_screen(4.0, 4.0);
        let [px, py] = panned.to_screen(4.0, 4.0);
        assert!((px - x - 30.0).abs() < 1e-3 && (py - y + 10.0).abs() < 1e-3);
    }

    #[test]
    fn a_box_selects_the_points_inside_it_whichever_way_it_was_dragged() {
        let points = [
            point(0.0, 0.0, 0),
            point(1.0, 1.0, 1),
            point(5.0, 5.0, 2),
            point(9.0, 1.0, 3),
        ];
        let view = Viewport::fit(&points, [300.0, 300.0]);
        let (a, b) = (view.to_screen(-0.5, -0.5), view.to_screen(5.5, 5.5));
        assert_eq!(view.points_in(&points, a, b), vec![0, 1, 2]);
        assert_eq!(view.points_in(&points, b, a), vec![0, 1, 2]);
        let (c, d) = (view.to_screen(8.0, 0.0), view.to_screen(10.0, 2.0));
        assert_eq!(view.points_in(&points, [c[0], d[1]], [d[0], c[1]]), vec![3]);
        assert!(view.points_in(&points, a, a).is_empty());
    }

    #[test]
    fn a_hit_is_the_nearest_point_within_the_radius() {
        let points = [point(0.0, 0.0, 0), point(1.0, 0.0, 1), point(10.0, 0.0, 2)];
        let view = Viewport::fit(&points, [220.0, 220.0]);
        let near_second = view.to_screen(1.1, 0.0);
        assert_eq!(view.hit(&points, near_second, 6.0), Some(1));
        let far = view.to_screen(5.5, 0.0);
        assert_eq!(view.hit(&points, far, 6.0), None);
        assert_eq!(view.hit(&[], far, 6.0), None);
    }

    #[test]
    fn seriation_puts_each_row_beside_its_best_column() {
        // Row 0 matches column 2, row 1 column 0, row 2 column 2 less well.
        let grid = [
            100, 0, 900, //
            800, 50, 0, //
            0, 100, 600,
        ];
        // Worked by hand: rows by best column (row 1 → column 0; rows 0, 2 → column 2, the
        // stronger first); columns by their best row's place (column 0 ← row 1, column 2 ←
        // row 0, column 1 ← row 2): the strong cells run down the diagonal.
        assert_eq!(seriate(&grid, 3), (vec![1, 0, 2], vec![0, 2, 1]));
        assert_eq!(seriate(&[], 0), (vec![], vec![]));
    }

    #[test]
    fn the_histogram_counts_every_fit_once() {
        let cases: [(&[f32], usize, &[usize]); 3] = [
            (&[0.0, 0.05, 0.5, 0.99, 1.0], 4, &[2, 0, 1, 2]),
            (&[-0.2, 1.3], 2, &[1, 1]),
            (&[], 3, &[0, 0, 0]),
        ];
        for (fits, bins, expected) in cases {
            assert_eq!(histogram(fits, bins), expected, "{fits:?}");
        }
    }

    #[test]
    fn escaping_keeps_markup_out_of_the_svg() {
        assert_eq!(
            xml_escape(r#"C++ & <Rust> "x""#),
            "C++ &amp; &lt;Rust&gt; &quot;x&quot;"
        );
    }
}
