//! The workspace the person edits — resume, job posts, the "new post" box, thresholds — and
//! whether it is saved in the browser (see [`crate::workspace`] for the saved document).
//!
//! Posts are each held in an `Rc` inside a shared list, so a keystroke in one box copies
//! neither the other posts' texts nor the list (only the post edited, and the list of
//! pointers when a post changes).

use std::rc::Rc;

use jobdelta_matching::posture::PostMeta;
use jobdelta_matching::{PostText, Thresholds};

use crate::import::{self, NewPost, ReadFile};
use crate::limits;
use crate::workspace::{inputs_fingerprint, SavedPost, SavedVersion, Workspace};

/// Identifies a post in the list while the page is open (its position changes when it moves).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PostId(pub u32);

/// A job post in the list, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostDraft {
    /// Stable identity (list key, where problems are shown).
    pub id: PostId,
    /// Its title ("" for none: the report then infers one).
    pub title: String,
    /// Its text.
    pub text: String,
    /// The person's mark from the report: fit (`true`) or not for me (`false`).
    pub mark: Option<bool>,
    /// Its id and date in the table it was imported from (the posture names posts by it).
    pub table: Option<PostMeta>,
}

/// The posts in list order: a shared list of shared posts. Comparing two lists compares
/// pointers first (`PostDraft` is `Eq`), so an unchanged list or post costs nothing to compare.
pub type PostList = Rc<Vec<Rc<PostDraft>>>;

/// Which way to move a post in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Towards the top.
    Up,
    /// Towards the bottom.
    Down,
}

/// Whether and how the workspace is saved in the browser.
#[derive(Debug, Clone, PartialEq)]
pub enum Persistence {
    /// Reading the saved workspace; the inputs wait (read-only) so nothing typed is overwritten.
    Restoring,
    /// Every change is saved.
    Active,
    /// The last save failed (e.g. storage full); the next change tries again.
    Failed(String),
    /// The saved workspace could not be read; it is kept as it is and nothing is saved until
    /// the person chooses to start fresh.
    Paused(String),
    /// The browser offers no storage; nothing is saved.
    Unavailable(String),
}

/// What reading the saved workspace gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Restore {
    /// A workspace.
    Found(Workspace),
    /// Nothing saved yet.
    Nothing,
    /// A document this page cannot read (newer, unknown or damaged); the message says so.
    Unreadable(String),
    /// No storage.
    Unavailable(String),
}

/// The workspace's part of the page state.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkspaceState {
    /// The resume or brag document.
    pub resume: String,
    /// The job posts, in list order.
    pub posts: PostList,
    /// Id for the next post added.
    pub next_post: u32,
    /// The post removed last, with its position, so it can be put back.
    pub last_removed: Option<(usize, Rc<PostDraft>)>,
    /// The title typed in the "new post" box.
    pub draft_title: String,
    /// The text typed in the "new post" box.
    pub draft_text: String,
    /// Similarity thresholds (always consistent: `partly` ≤ `covered`, both in [0, 1]).
    pub thresholds: Thresholds,
    /// Bumped by every change worth saving.
    pub revision: u64,
    /// The revision last saved (or restored).
    pub saved_revision: u64,
    /// Whether the workspace is saved.
    pub persistence: Persistence,
    /// A note about the resume box (files not read…).
    pub resume_notice: Option<String>,
    /// A note about the posts (files not read, nothing to add…).
    pub posts_notice: Option<String>,
    /// Why the resume is certainly too big to analyse (checked on the raw text at each edit).
    pub resume_size: Option<String>,
    /// Why the "new post" box is certainly too big to add (checked on the raw text).
    pub draft_size: Option<String>,
    /// Saved versions of the resume, oldest first.
    pub versions: Vec<SavedVersion>,
    /// A note about the versions (saved, refused…).
    pub versions_notice: Option<String>,
}

impl Default for WorkspaceState {
    fn default() -> Self {
        Self {
            resume: String::new(),
            posts: PostList::default(),
            next_post: 1,
            last_removed: None,
            draft_title: String::new(),
            draft_text: String::new(),
            thresholds: Thresholds::default(),
            revision: 0,
            saved_revision: 0,
            persistence: Persistence::Restoring,
            resume_notice: None,
            posts_notice: None,
            resume_size: None,
            draft_size: None,
            versions: Vec::new(),
            versions_notice: None,
        }
    }
}

impl WorkspaceState {
    /// Whether the saved workspace is still being read.
    pub fn is_restoring(&self) -> bool {
        self.persistence == Persistence::Restoring
    }

    /// Whether changes are being saved.
    pub fn saves(&self) -> bool {
        matches!(
            self.persistence,
            Persistence::Active | Persistence::Failed(_)
        )
    }

    /// Whether there are changes not saved yet.
    pub fn has_unsaved_changes(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// Whether text is waiting in the "new post" box while the list has posts (it would not
    /// be analysed).
    pub fn draft_left_out(&self) -> bool {
        !self.posts.is_empty() && !self.draft_text.trim().is_empty()
    }

    /// Whether the resume, the posts and the "new post" box are all empty.
    pub fn is_empty(&self) -> bool {
        self.resume.trim().is_empty()
            && self.posts.is_empty()
            && self.draft_text.trim().is_empty()
            && self.draft_title.trim().is_empty()
    }

    /// The posts as the worker takes them (a blank title lets the report infer one).
    pub fn post_texts(&self) -> Vec<PostText> {
        self.posts.iter().map(|p| post_text(p)).collect()
    }

    /// Each post's id and date, as `jobdelta posture` names them: the table's, or else its
    /// position from 1.
    pub fn post_meta(&self) -> Vec<PostMeta> {
        self.posts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                p.table.clone().unwrap_or(PostMeta {
                    id: (i + 1).to_string(),
                    date: None,
                })
            })
            .collect()
    }

    /// Whether the resume and posts are these (compared in place, nothing copied).
    pub fn matches(&self, resume: &str, posts: &[PostText]) -> bool {
        self.resume == resume
            && self.posts.len() == posts.len()
            && self.posts.iter().zip(posts).all(|(draft, sent)| {
                draft.text == sent.text
                    && match &sent.title {
                        Some(title) => draft.title.trim() == title,
                        None => draft.title.trim().is_empty(),
                    }
            })
    }

    /// What is saved in the browser.
    pub fn saved(&self) -> Workspace {
        Workspace {
            resume: self.resume.clone(),
            posts: self
                .posts
                .iter()
                .map(|p| SavedPost {
                    title: p.title.clone(),
                    text: p.text.clone(),
                    mark: p.mark,
                    table: p.table.clone(),
                })
                .collect(),
            thresholds: self.thresholds,
            draft: SavedPost {
                title: self.draft_title.clone(),
                text: self.draft_text.clone(),
                mark: None,
                table: None,
            },
            versions: self.versions.clone(),
        }
    }

    /// Saves the resume as it is now as a version named `label` (the time when blank).
    /// Refused, with a note, for an empty resume or one equal to the latest version.
    pub fn save_version(&mut self, label: &str, saved_at: &str) {
        if self.resume.trim().is_empty() {
            self.versions_notice =
                Some("Paste your resume first; then save it as a version.".to_owned());
            return;
        }
        if let Some(latest) = self.versions.last().filter(|v| v.text == self.resume) {
            self.versions_notice = Some(format!(
                "This resume is the same as your latest version, “{}”: change it, then save \
                 the new version.",
                latest.label
            ));
            return;
        }
        let label = match label.trim() {
            "" => saved_at.to_owned(),
            name => name.to_owned(),
        };
        self.versions_notice = Some(format!(
            "Saved “{label}” ({} versions).",
            self.versions.len() + 1
        ));
        self.versions.push(SavedVersion {
            label,
            saved_at: saved_at.to_owned(),
            text: self.resume.clone(),
        });
        self.revision += 1;
    }

    /// Removes the version at `index` (nothing if there is none).
    pub fn remove_version(&mut self, index: usize) {
        if index < self.versions.len() {
            let removed = self.versions.remove(index);
            self.versions_notice = Some(format!("Removed the version “{}”.", removed.label));
            self.revision += 1;
        }
    }

    /// The post with this id.
    pub fn post(&self, id: PostId) -> Option<&PostDraft> {
        self.posts.iter().find(|p| p.id == id).map(|p| &**p)
    }

    /// Records an edit worth saving.
    pub fn touch(&mut self) {
        self.revision += 1;
    }

    /// The fingerprint of the resume and posts as the worker takes them.
    pub fn fingerprint(&self) -> String {
        fingerprint_of(&self.resume, &self.post_texts())
    }

    /// "Try it with an example": fills an empty workspace with the example resume and posts;
    /// whether it did.
    pub fn load_example(&mut self) -> bool {
        if !self.is_empty() {
            return false;
        }
        self.resume = crate::example::RESUME.to_owned();
        self.resume_size = None;
        self.add_posts(crate::example::posts());
        true
    }

    /// The post with this id, to change (only that post is copied, if shared).
    fn post_mut(&mut self, id: PostId) -> Option<&mut PostDraft> {
        let at = self.posts.iter().position(|p| p.id == id)?;
        Some(Rc::make_mut(&mut Rc::make_mut(&mut self.posts)[at]))
    }

    /// Appends posts to the list.
    pub fn add_posts(&mut self, posts: Vec<NewPost>) {
        self.last_removed = None;
        let list = Rc::make_mut(&mut self.posts);
        for post in posts {
            let id = PostId(self.next_post);
            self.next_post += 1;
            list.push(Rc::new(PostDraft {
                id,
                title: post.title,
                text: post.text,
                mark: None,
                table: post.table,
            }));
        }
        self.touch();
    }

    /// The resume box was edited.
    pub fn edit_resume(&mut self, text: String) {
        self.resume_size = limits::resume_size_problem(&text);
        self.resume = text;
        self.resume_notice = None;
        self.touch();
    }

    /// Files dropped on the resume; whether the resume changed.
    pub fn resume_from_files(
        &mut self,
        files: &[ReadFile],
        skipped: &[String],
        read_at: &str,
    ) -> bool {
        let (text, mut skipped_too) = import::resume_from_files(files);
        skipped_too.splice(0..0, skipped.iter().cloned());
        let mut notes: Vec<String> = Vec::new();
        let changed = !text.is_empty();
        if changed {
            self.resume_size = limits::resume_size_problem(&text);
            self.resume = text;
            self.touch();
            let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
            notes.push(format!("Read {}.", names.join(", ")));
            // A file brought in is a version of the resume worth keeping: "Your resume over
            // time" can then compare it with the next one (the same text twice is not saved).
            self.save_version(&names.join(", "), read_at);
        } else if skipped_too.is_empty() {
            notes.push("The dropped file is empty.".into());
        }
        notes.extend(import::skipped_message(&skipped_too));
        self.resume_notice = Some(notes.join(" "));
        changed
    }

    /// The "new post" title was edited.
    pub fn edit_draft_title(&mut self, title: String) {
        self.draft_title = title;
        self.touch();
    }

    /// The "new post" text was edited.
    pub fn edit_draft_text(&mut self, text: String) {
        self.draft_size = limits::draft_size_problem(&text);
        self.draft_text = text;
        self.posts_notice = None;
        self.touch();
    }

    /// "Add post": the box becomes one or more posts; whether any was added.
    pub fn add_draft(&mut self) -> bool {
        let posts = import::posts_from_paste(&self.draft_title, &self.draft_text, self.posts.len());
        if posts.is_empty() {
            self.posts_notice = Some("Paste a job post's text in the box first.".into());
            return false;
        }
        self.posts_notice = (posts.len() > 1).then(|| {
            format!(
                "Added {} (the text was split on its “---” lines).",
                crate::format::count(posts.len(), "post", "posts")
            )
        });
        self.draft_title.clear();
        self.draft_text.clear();
        self.draft_size = None;
        self.add_posts(posts);
        true
    }

    /// Files dropped on the posts become posts (a table gives one a row); whether any was
    /// added.
    pub fn posts_from_files(&mut self, files: Vec<ReadFile>, mut skipped: Vec<String>) -> bool {
        let mut read = import::posts_from_files(files, self.posts.len());
        skipped.append(&mut read.skipped);
        let mut notes = Vec::new();
        let added = !read.posts.is_empty();
        if added {
            notes.push(format!(
                "Added {} from files.",
                crate::format::count(read.posts.len(), "post", "posts")
            ));
            notes.extend(read.notes.iter().map(|n| format!("{n}.")));
            self.add_posts(read.posts);
        }
        notes.extend(import::skipped_message(&skipped));
        self.posts_notice = Some(notes.join(" ")).filter(|n| !n.is_empty());
        added
    }

    /// A post's title was edited.
    pub fn edit_post_title(&mut self, id: PostId, title: String) {
        if let Some(post) = self.post_mut(id) {
            post.title = title;
            self.touch();
        }
    }

    /// A post's text was edited; whether the post exists.
    pub fn edit_post_text(&mut self, id: PostId, text: String) -> bool {
        let Some(post) = self.post_mut(id) else {
            return false;
        };
        post.text = text;
        self.touch();
        true
    }

    /// A post was removed (kept for Undo); whether it existed.
    pub fn remove_post(&mut self, id: PostId) -> bool {
        let Some(at) = self.posts.iter().position(|p| p.id == id) else {
            return false;
        };
        let post = Rc::make_mut(&mut self.posts).remove(at);
        self.last_removed = Some((at, post));
        self.touch();
        true
    }

    /// The post removed last goes back where it was.
    pub fn undo_remove(&mut self) {
        if let Some((at, post)) = self.last_removed.take() {
            let list = Rc::make_mut(&mut self.posts);
            list.insert(at.min(list.len()), post);
            self.touch();
        }
    }

    /// A post moves one place (if it can).
    pub fn move_post(&mut self, id: PostId, direction: Direction) {
        let Some(at) = self.posts.iter().position(|p| p.id == id) else {
            return;
        };
        let to = match direction {
            Direction::Up => at.checked_sub(1),
            Direction::Down => Some(at + 1).filter(|&to| to < self.posts.len()),
        };
        if let Some(to) = to {
            self.last_removed = None;
            Rc::make_mut(&mut self.posts).swap(at, to);
            self.touch();
        }
    }

    /// New thresholds (already consistent).
    pub fn set_thresholds(&mut self, thresholds: Thresholds) {
        self.thresholds = thresholds;
        self.touch();
    }

    /// A post's mark (from the report).
    pub fn set_mark(&mut self, id: PostId, mark: Option<bool>) {
        if let Some(post) = self.post_mut(id) {
            post.mark = mark;
        }
        self.touch();
    }

    /// The saved workspace was read (or could not be).
    pub fn restore(&mut self, restore: Restore) {
        match restore {
            Restore::Found(workspace) => {
                self.resume = workspace.resume;
                self.posts = PostList::default();
                let marks: Vec<Option<bool>> = workspace.posts.iter().map(|p| p.mark).collect();
                self.add_posts(
                    workspace
                        .posts
                        .into_iter()
                        .map(|p| NewPost {
                            title: p.title,
                            text: p.text,
                            table: p.table,
                        })
                        .collect(),
                );
                for (post, mark) in Rc::make_mut(&mut self.posts).iter_mut().zip(marks) {
                    if mark.is_some() {
                        Rc::make_mut(post).mark = mark;
                    }
                }
                self.thresholds = workspace.thresholds.sanitized();
                self.draft_title = workspace.draft.title;
                self.draft_text = workspace.draft.text;
                self.versions = workspace.versions;
                self.resume_size = limits::resume_size_problem(&self.resume);
                self.draft_size = limits::draft_size_problem(&self.draft_text);
                self.persistence = Persistence::Active;
            }
            Restore::Nothing => self.persistence = Persistence::Active,
            Restore::Unreadable(message) => self.persistence = Persistence::Paused(message),
            Restore::Unavailable(message) => self.persistence = Persistence::Unavailable(message),
        }
        // What was just read is what is stored.
        self.saved_revision = self.revision;
    }

    /// This revision is saved.
    pub fn saved_up_to(&mut self, revision: u64) {
        self.saved_revision = self.saved_revision.max(revision);
        if matches!(self.persistence, Persistence::Failed(_)) {
            self.persistence = Persistence::Active;
        }
    }

    /// Saving failed.
    pub fn save_failed(&mut self, message: String) {
        if self.saves() {
            self.persistence = Persistence::Failed(message);
        }
    }

    /// The person chose to replace an unreadable saved workspace with the page's.
    pub fn start_fresh(&mut self) {
        if matches!(self.persistence, Persistence::Paused(_)) {
            self.persistence = Persistence::Active;
            self.touch();
        }
    }

    /// Deleting the stored data failed.
    pub fn clear_failed(&mut self, message: String) {
        self.persistence = match &self.persistence {
            Persistence::Unavailable(m) => Persistence::Unavailable(m.clone()),
            _ => Persistence::Failed(message),
        };
    }

    /// An empty workspace after "Clear everything" (post ids keep counting up).
    pub fn cleared(&self) -> Self {
        Self {
            next_post: self.next_post,
            persistence: match &self.persistence {
                Persistence::Unavailable(message) => Persistence::Unavailable(message.clone()),
                _ => Persistence::Active,
            },
            // A new revision, already "saved": a save still waiting for its delay is dropped
            // (it would write back what was just deleted).
            revision: self.revision + 1,
            saved_revision: self.revision + 1,
            ..Self::default()
        }
    }
}

/// The fingerprint of inputs as the worker takes them (a title left to the report counts as "").
pub fn fingerprint_of(resume: &str, posts: &[PostText]) -> String {
    inputs_fingerprint(
        resume,
        posts
            .iter()
            .map(|p| (p.title.as_deref().unwrap_or(""), p.text.as_str())),
    )
}

/// A post as the worker takes it (a blank title lets the report infer one).
fn post_text(post: &PostDraft) -> PostText {
    PostText {
        title: Some(post.title.trim().to_owned()).filter(|t| !t.is_empty()),
        text: post.text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::*;
    use crate::workspace::SavedVersion;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn adding_posts_from_the_box_splits_on_separator_lines_and_clears_it() {
        let state = run([
            restored(),
            Action::EditDraftText(
                "Senior Data Engineer\n\nPipelines.\n---\nStaff Engineer\n\nRust.".into(),
            ),
            Action::AddDraft,
        ]);
        let titles: Vec<&str> = state
            .workspace
            .posts
            .iter()
            .map(|p| p.title.as_str())
            .collect();
        assert_eq!(titles, ["Senior Data Engineer", "Staff Engineer"]);
        assert!(state.workspace.draft_text.is_empty() && state.workspace.draft_title.is_empty());
        assert!(state
            .workspace
            .posts_notice
            .as_deref()
            .is_some_and(|n| n.contains("2 posts")));
        assert_ne!(state.workspace.posts[0].id, state.workspace.posts[1].id);

        let state = run([
            restored(),
            Action::EditDraftText(" \n".into()),
            Action::AddDraft,
        ]);
        assert!(state.workspace.posts.is_empty());
        assert!(state.workspace.posts_notice.is_some());
    }

    #[test]
    fn posts_can_be_edited_moved_and_removed() {
        let state = run(typed());
        let (a, b) = (state.workspace.posts[0].id, state.workspace.posts[1].id);
        assert_eq!(state.workspace.posts[1].title, "Backend");
        let state = run(with(
            typed(),
            [
                Action::MovePost(a, Direction::Up),
                Action::MovePost(b, Direction::Down),
                Action::MovePost(a, Direction::Down),
                Action::EditPostTitle(a, "Data".into()),
                Action::EditPostText(b, "Go and Kubernetes.".into()),
            ],
        ));
        let posts: Vec<(&str, &str)> = state
            .workspace
            .posts
            .iter()
            .map(|p| (p.title.as_str(), p.text.as_str()))
            .collect();
        assert_eq!(
            posts,
            [
                ("Backend", "Go and Kubernetes."),
                ("Data", "Data engineer\n\nPython and Spark.")
            ]
        );
        let state = run(with(typed(), [Action::RemovePost(a)]));
        assert_eq!(state.workspace.posts.len(), 1);
        assert_eq!(state.workspace.posts[0].id, b);
        assert_eq!(
            state
                .workspace
                .last_removed
                .as_ref()
                .map(|(at, p)| (*at, p.id)),
            Some((0, a))
        );
        // Undo puts it back where it was, once.
        let state = run(with(
            typed(),
            [
                Action::RemovePost(a),
                Action::UndoRemove,
                Action::UndoRemove,
            ],
        ));
        assert_eq!(
            state
                .workspace
                .posts
                .iter()
                .map(|p| p.id)
                .collect::<Vec<_>>(),
            [a, b]
        );
        assert!(state.workspace.last_removed.is_none());
    }

    #[test]
    fn files_dropped_on_the_posts_become_posts_and_skipped_ones_are_listed() {
        let state = run([
            restored(),
            Action::PostsFromFiles {
                files: vec![
                    (
                        "acme-ml-engineer.txt".into(),
                        "Train models.\nShip them.".into(),
                    ),
                    ("blank.md".into(), "".into()),
                ],
                skipped: vec!["cv.pdf is not a .txt or .md file".into()],
            },
        ]);
        assert_eq!(state.workspace.posts.len(), 1);
        let notice = state.workspace.posts_notice.clone().unwrap();
        assert!(notice.contains("Added 1 post"), "{notice}");
        assert!(
            notice.contains("cv.pdf") && notice.contains("blank.md"),
            "{notice}"
        );
    }

    #[test]
    fn a_dropped_resume_file_replaces_the_resume() {
        let state = run([
            restored(),
            Action::EditResume("old".into()),
            Action::ResumeFromFiles {
                files: vec![("resume.md".into(), "# Jane\nLed things.".into())],
                skipped: vec![],
                read_at: "2026-12-05 09:00".into(),
            },
        ]);
        assert_eq!(state.workspace.resume, "# Jane\nLed things.");
        // The file became a version, named after it; the same file again adds none.
        assert_eq!(state.workspace.versions.len(), 1);
        assert_eq!(state.workspace.versions[0].label, "resume.md");
        assert_eq!(state.workspace.versions[0].saved_at, "2026-12-05 09:00");
        assert_eq!(state.workspace.versions[0].text, "# Jane\nLed things.");
        let again = run([
            restored(),
            Action::ResumeFromFiles {
                files: vec![("resume.md".into(), "# Jane\nLed things.".into())],
                skipped: vec![],
                read_at: "2026-12-05 09:00".into(),
            },
            Action::ResumeFromFiles {
                files: vec![("resume.md".into(), "# Jane\nLed things.".into())],
                skipped: vec![],
                read_at: "2026-12-05 09:05".into(),
            },
        ]);
        assert_eq!(again.workspace.versions.len(), 1);
        assert!(state
            .workspace
            .resume_notice
            .clone()
            .unwrap()
            .contains("resume.md"));
    }

    #[test]
    fn versions_are_saved_named_or_dated_and_never_twice_the_same() {
        let mut workspace = WorkspaceState::default();
        workspace.save_version("", "2026-12-03 18:40");
        assert!(
            workspace.versions.is_empty(),
            "an empty resume is no version"
        );
        assert!(workspace
            .versions_notice
            .as_deref()
            .is_some_and(|n| n.contains("Paste")));
        workspace.resume = "Built a Rust service.".into();
        workspace.save_version("  ", "2026-12-03 18:40");
        workspace.save_version("again", "2026-12-03 18:41");
        assert_eq!(
            workspace.versions.len(),
            1,
            "the same text is not saved twice in a row"
        );
        assert!(workspace
            .versions_notice
            .as_deref()
            .is_some_and(|n| n.contains("same")));
        workspace.resume.push_str("\n- Ran Kafka.");
        workspace.save_version("With Kafka", "2026-12-04 10:00");
        let labels: Vec<&str> = workspace
            .versions
            .iter()
            .map(|v| v.label.as_str())
            .collect();
        assert_eq!(labels, ["2026-12-03 18:40", "With Kafka"]);
        assert_eq!(workspace.saved().versions, workspace.versions);
        let revision = workspace.revision;
        workspace.remove_version(0);
        workspace.remove_version(5);
        assert_eq!(workspace.versions.len(), 1);
        assert_eq!(workspace.revision, revision + 1);
    }

    #[test]
    fn a_restored_workspace_fills_the_inputs_without_counting_as_a_change() {
        let saved = Workspace {
            resume: "r".into(),
            posts: vec![SavedPost {
                title: "t".into(),
                text: "p".into(),
                mark: None,
                table: None,
            }],
            thresholds: Thresholds {
                covered: 0.7,
                partly: 0.5,
            },
            draft: SavedPost {
                title: String::new(),
                text: "draft".into(),
                mark: None,
                table: None,
            },
            versions: vec![SavedVersion {
                label: "May".into(),
                saved_at: "2026-05-01 09:00".into(),
                text: "older r".into(),
            }],
        };
        let state = run([
            Action::EditResume("typed while restoring".into()),
            Action::Restored(Restore::Found(saved.clone())),
        ]);
        assert_eq!(state.workspace.saved(), saved);
        assert_eq!(state.workspace.persistence, Persistence::Active);
        assert!(!state.workspace.has_unsaved_changes());
        // A second restore (a late answer) changes nothing.
        let state = run([
            Action::Restored(Restore::Found(saved.clone())),
            Action::EditResume("mine".into()),
            Action::Restored(Restore::Nothing),
        ]);
        assert_eq!(state.workspace.resume, "mine");
        assert!(state.workspace.has_unsaved_changes());
    }

    #[test]
    fn an_unreadable_workspace_pauses_saving_until_starting_fresh() {
        let state = run([
            Action::Restored(Restore::Unreadable("newer".into())),
            Action::EditResume("r".into()),
        ]);
        assert!(!state.workspace.saves());
        assert_eq!(
            state.workspace.persistence,
            Persistence::Paused("newer".into())
        );
        assert_eq!(state.workspace.resume, "r");
        let state = run([
            Action::Restored(Restore::Unreadable("newer".into())),
            Action::EditResume("r".into()),
            Action::StartFresh,
        ]);
        assert!(state.workspace.saves() && state.workspace.has_unsaved_changes());

        let state = run([Action::Restored(Restore::Unavailable("no idb".into()))]);
        assert!(!state.workspace.saves());
        assert_eq!(
            state.analyze_blocker().map(|b| b.contains("resume")),
            Some(true)
        );
    }

    #[test]
    fn saving_failures_are_shown_and_cleared_by_the_next_save() {
        let state = run([
            restored(),
            Action::EditResume("r".into()),
            Action::SaveFailed("full".into()),
        ]);
        assert_eq!(
            state.workspace.persistence,
            Persistence::Failed("full".into())
        );
        assert!(state.workspace.saves());
        let revision = state.workspace.revision;
        let mut state = state;
        state.apply(Action::Saved(revision));
        assert_eq!(state.workspace.persistence, Persistence::Active);
        assert!(!state.workspace.has_unsaved_changes());
        // A save failing while paused does not unpause it.
        let state = run([
            Action::Restored(Restore::Unreadable("x".into())),
            Action::SaveFailed("full".into()),
        ]);
        assert_eq!(state.workspace.persistence, Persistence::Paused("x".into()));
    }

    #[test]
    fn every_edit_is_a_change_to_save_but_views_are_not() {
        let state = run(typed());
        let revision = state.workspace.revision;
        let cases = [
            (Action::EditResume("x".into()), true),
            (Action::EditDraftTitle("x".into()), true),
            (Action::EditPostText(PostId(1), "x".into()), true),
            (Action::EditPostTitle(PostId(1), "x".into()), true),
            (Action::MovePost(PostId(1), Direction::Down), true),
            (Action::MovePost(PostId(1), Direction::Up), false),
            (Action::RemovePost(PostId(1)), true),
            (Action::RemovePost(PostId(99)), false),
            (Action::SetCovered(0.6), true),
            (Action::ShowTab(ReportTab::Sentences), false),
            (Action::DismissNotice, false),
            (sent(1), false),
        ];
        for (action, changes) in cases {
            let debug = format!("{action:?}");
            let mut state = state.clone();
            state.apply(action);
            assert_eq!(state.workspace.revision != revision, changes, "{debug}");
        }
    }

    #[test]
    fn an_edit_copies_only_the_part_and_the_post_it_changes() {
        let before = Rc::new(run(typed()));
        let after = Rc::clone(&before).reduce(Action::EditResume("Led things.".into()));
        assert!(Rc::ptr_eq(&before.workspace.posts, &after.workspace.posts));
        assert!(Rc::ptr_eq(&before.analysis, &after.analysis));
        assert!(Rc::ptr_eq(&before.compare, &after.compare));
        assert!(Rc::ptr_eq(&before.model, &after.model));
        assert!(!Rc::ptr_eq(&before.workspace, &after.workspace));

        let (first, second) = (before.workspace.posts[0].id, before.workspace.posts[1].id);
        let after = Rc::clone(&before).reduce(Action::EditPostText(second, "Go.".into()));
        assert!(Rc::ptr_eq(
            &before.workspace.posts[0],
            &after.workspace.posts[0]
        ));
        assert_eq!(after.workspace.posts[0].id, first);
        assert_eq!(after.workspace.posts[1].text, "Go.");
        assert_eq!(
            before.workspace.posts[1].text, "Go services.",
            "the old state is kept"
        );
    }

    #[test]
    fn a_paste_far_too_big_is_named_at_once() {
        let huge = "Built and ran data pipelines in Python.\n".repeat(60_000);
        let state = run(with(typed(), [Action::EditResume(huge.clone())]));
        assert!(state
            .workspace
            .resume_size
            .as_deref()
            .is_some_and(|m| m.contains("2.4 MB")));
        let state = run(with(typed(), [Action::EditDraftText(huge.clone())]));
        assert!(state.workspace.draft_size.is_some());
        // Adding it takes the note away with the text (the post in the list shows its own);
        // the worker still counts the sentences and says exactly how many are too many.
        let state = run(with(
            typed(),
            [Action::EditDraftText(huge), Action::AddDraft],
        ));
        assert_eq!(state.workspace.draft_size, None);
        assert_eq!(state.workspace.posts.len(), 3);
        let state = run(with(typed(), [Action::EditResume("Short again.".into())]));
        assert_eq!(state.workspace.resume_size, None);
    }

    #[test]
    fn the_example_fills_an_empty_workspace_only() {
        let state = run([restored(), Action::LoadExample]);
        assert_eq!(state.workspace.posts.len(), 3);
        assert!(state.workspace.resume.contains("Maya Okafor"));
        assert!(state.workspace.has_unsaved_changes(), "saved like typing");
        let state = run(with(typed(), [Action::LoadExample]));
        assert_eq!(state.workspace.posts.len(), 2, "never over someone's work");
        assert_eq!(state.workspace.resume, "Built data pipelines in Python.");
        let state = run([Action::LoadExample]);
        assert!(state.workspace.posts.is_empty(), "not while restoring");
    }
}
