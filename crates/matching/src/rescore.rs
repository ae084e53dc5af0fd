//! Rescoring a built report without the model: how thresholds turn its stored similarities
//! into statuses, fits, ranks and a summary, and how the person's marks re-rank it.
//!
//! Everything here reads only what [`Report`] stores (similarities, signals, per-post
//! vectors), so the page re-applies a slider or a mark at once.

use std::collections::HashMap;

use jobdelta_text::SectionKind;

use crate::check::{checks_of_sentence, CheckStatus};
use crate::fit::fit_of_score;
use crate::gaps::top_gaps;
use crate::learn::{learn_from_marks, PostProfile};
use crate::report::{
    FitBreakdown, FitLabel, PostReport, Report, RequirementReport, Summary, STORIES_PER_POST,
    SUMMARY_GAPS, SUMMARY_STRONGEST,
};
use crate::score::{Coverage, Thresholds, NOTHING_NEAR};
use crate::skills::PARTLY_HELD_CREDIT;

impl Report {
    /// Recomputes statuses, fits, ranks, labels and the summary under new thresholds, from
    /// the stored similarities (no model needed).
    pub fn apply_thresholds(&mut self, thresholds: Thresholds) {
        let t = thresholds.sanitized();
        self.thresholds = t;
        for post in &mut self.posts {
            score_post(post, t);
        }
        self.fit_posts();
        rank_posts(self);
        for sentence in &mut self.resume {
            sentence.matches_nothing = sentence.role.is_experience()
                && sentence.max_score < NOTHING_NEAR.min(t.partly)
                && sentence.asked_skills.is_empty();
        }
        for post in &mut self.posts {
            post.strongest_stories = strongest_stories(&post.requirements, t);
        }
        self.summary = summarize(self);
        let mut support = vec![0_usize; self.sentence_feedback.len()];
        for r in self.posts.iter().flat_map(|p| &p.requirements) {
            if let Some(best) = r.evidence.first().filter(|e| e.score >= t.partly) {
                if let Some(count) = support.get_mut(best.resume_index) {
                    *count += 1;
                }
            }
        }
        for (feedback, count) in self.sentence_feedback.iter_mut().zip(support) {
            feedback.supports_requirements = count;
        }
    }
}

impl Report {
    /// Records the person's marks (one per post, in post order: `Some(true)` fit,
    /// `Some(false)` not for me; missing entries count as unmarked) and re-ranks: with enough
    /// marks the fits come from what they teach ([`crate::learn`]).
    pub fn set_marks(&mut self, marks: &[Option<bool>]) {
        for (i, post) in self.posts.iter_mut().enumerate() {
            post.mark = marks.get(i).copied().flatten();
        }
        self.apply_thresholds(self.thresholds);
    }

    /// Sets each post's zero-shot fit and, learning from the marks when there are enough of
    /// them, its fit and label.
    fn fit_posts(&mut self) {
        for post in &mut self.posts {
            post.zero_shot_fit = fit_of_score(post.signals.zero_shot_score());
            post.fit = post.zero_shot_fit;
        }
        let marks: Vec<Option<bool>> = self.posts.iter().map(|p| p.mark).collect();
        let profiles: Vec<PostProfile<'_>> = self
            .posts
            .iter()
            .map(|p| PostProfile {
                signals: p.signals.standardized(),
                content: &p.vectors.content,
                title: p.vectors.title.as_deref(),
            })
            .collect();
        let learned = learn_from_marks(&profiles, &marks);
        self.learning = learned.map(|(scores, learning)| {
            for (post, score) in self.posts.iter_mut().zip(scores) {
                post.fit = fit_of_score(score);
            }
            learning
        });
        for post in &mut self.posts {
            // A must-have the person clearly lacks: no similarity makes it a good fit.
            if let Some(cap) = &post.fit_cap {
                post.fit = cap.apply(post.fit);
                post.zero_shot_fit = cap.apply(post.zero_shot_fit);
            }
            post.label = FitLabel::of(post.fit);
        }
    }
}

fn score_post(post: &mut PostReport, t: Thresholds) {
    let mut b = FitBreakdown::default();
    let (mut weighted, mut weights) = (0.0_f32, 0.0_f32);
    let (mut must, mut nice) = (Mean::default(), Mean::default());
    let mut words: HashMap<&str, usize> = HashMap::new();
    for r in &mut post.requirements {
        let near = r.best_score >= NOTHING_NEAR.min(t.partly);
        let (mut status, mut credit) =
            r.skills
                .adjust(t.status(r.best_score), t.credit(r.best_score), near);
        // One verdict: a sentence whose hard requirement the check finds not met ("PhD in
        // Computer Science" for a sophomore) is never covered, however close a line sounds.
        if status == Coverage::Covered
            && checks_of_sentence(&post.checks, &r.text).any(|c| c.status == CheckStatus::NotMet)
        {
            status = Coverage::Partly;
            credit = credit.min(PARTLY_HELD_CREDIT);
        }
        r.status = status;
        weighted += r.weight * credit;
        weights += r.weight;
        match r.status {
            Coverage::Covered => b.covered += 1,
            Coverage::Partly => b.partly += 1,
            Coverage::Missing => b.missing += 1,
        }
        match r.section {
            SectionKind::Required => {
                must.add(credit);
                b.must_haves += 1;
                if r.status == Coverage::Covered {
                    b.must_haves_covered += 1;
                }
            }
            SectionKind::Preferred => nice.add(credit),
            _ => {}
        }
        if r.status != Coverage::Missing {
            if let Some(best) = r.evidence.first() {
                for w in &best.shared_words {
                    *words.entry(w.as_str()).or_default() += 1;
                }
            }
        }
    }
    b.weighted_coverage = if weights > 0.0 {
        weighted / weights
    } else {
        0.0
    };
    let experience = &post.experience_scores;
    b.experience_match = if experience.is_empty() {
        0.0
    } else {
        experience.iter().map(|&s| t.credit(s)).sum::<f32>() / experience.len() as f32
    };
    b.sentences_used = experience.iter().filter(|&&s| s >= t.partly).count();
    b.must_have_coverage = must.value();
    b.nice_to_have_coverage = nice.value();
    let mut shared: Vec<(&str, usize)> = words.into_iter().collect();
    shared.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    b.shared_words = shared
        .into_iter()
        .take(12)
        .map(|(w, _)| w.to_owned())
        .collect();
    post.signals.experience_match = b.experience_match;
    post.breakdown = b;
}

fn rank_posts(report: &mut Report) {
    let mut order: Vec<usize> = (0..report.posts.len()).collect();
    // Ties keep the order the person gave.
    order.sort_by(|&a, &b| {
        report.posts[b]
            .fit
            .total_cmp(&report.posts[a].fit)
            .then(a.cmp(&b))
    });
    let n = order.len();
    for (position, &index) in order.iter().enumerate() {
        let post = &mut report.posts[index];
        post.rank = position + 1;
        post.percentile = (n > 1).then(|| 100.0 * (n - 1 - position) as f32 / (n - 1) as f32);
    }
    report.ranking = order;
}

/// Resume sentences that are the best evidence of the most covered (or partly covered)
/// requirements of a post.
fn strongest_stories(requirements: &[RequirementReport], t: Thresholds) -> Vec<usize> {
    let mut support: HashMap<usize, (f32, f32)> = HashMap::new();
    for r in requirements {
        if let Some(best) = r.evidence.first() {
            let credit = t.credit(best.score) * r.weight;
            if credit > 0.0 {
                let entry = support.entry(best.resume_index).or_default();
                entry.0 += credit;
                entry.1 = entry.1.max(best.score);
            }
        }
    }
    let mut stories: Vec<(usize, (f32, f32))> = support.into_iter().collect();
    stories.sort_by(|a, b| {
        b.1 .0
            .total_cmp(&a.1 .0)
            .then(b.1 .1.total_cmp(&a.1 .1))
            .then(a.0.cmp(&b.0))
    });
    stories
        .into_iter()
        .take(STORIES_PER_POST)
        .map(|(i, _)| i)
        .collect()
}

fn summarize(report: &Report) -> Summary {
    let mut summary = Summary::default();
    for post in &report.posts {
        for r in post
            .requirements
            .iter()
            .filter(|r| r.section == SectionKind::Required)
        {
            summary.must_haves += 1;
            match r.status {
                Coverage::Covered => summary.must_haves_covered += 1,
                Coverage::Partly => summary.must_haves_partly += 1,
                Coverage::Missing => {}
            }
        }
    }
    let mut gaps = top_gaps(&report.posts);
    gaps.truncate(SUMMARY_GAPS);
    summary.top_gaps = gaps;
    summary.strongest_posts = report
        .ranking
        .iter()
        .copied()
        .take(SUMMARY_STRONGEST)
        .collect();
    summary.unmatched_resume_sentences = report.resume.iter().filter(|s| s.matches_nothing).count();
    summary
}

#[derive(Default)]
struct Mean {
    sum: f32,
    n: usize,
}

impl Mean {
    fn add(&mut self, x: f32) {
        self.sum += x;
        self.n += 1;
    }

    fn value(&self) -> Option<f32> {
        (self.n > 0).then(|| self.sum / self.n as f32)
    }
}
