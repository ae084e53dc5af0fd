//! Embedding on every core for batch runs.
//!
//! The encoder embeds one text at a time on one thread (in the browser, parallelism is the
//! page's worker pool). Natively a batch run of thousands of texts would leave the other cores
//! idle, so the CLI hands small batches to one thread per core: each thread takes the next
//! batch when it finishes its last, so long and short texts balance out. Every text's vector
//! is computed alone (unpadded), so the result equals a one-thread run exactly.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use anyhow::{Context, Result};
use jobdelta_encoder::Encoder;

/// Texts per hand-out: small enough to balance the threads' ends, large enough that taking a
/// batch costs nothing next to embedding it.
const BATCH: usize = 16;

/// Embeds `texts` on all cores; vectors come back in input order. `on_progress(done, total)`
/// is called on the calling thread after each batch.
pub fn embed_on_all_cores<S: AsRef<str> + Sync>(
    encoder: &Encoder,
    texts: &[S],
    mut on_progress: impl FnMut(usize, usize),
) -> Result<Vec<Vec<f32>>> {
    let batches: Vec<&[S]> = texts.chunks(BATCH).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(batches.len())
        .max(1);
    let next_batch = AtomicUsize::new(0);
    let mut by_batch: Vec<Option<Vec<Vec<f32>>>> = vec![None; batches.len()];
    std::thread::scope(|scope| -> Result<()> {
        let (sender, receiver) = mpsc::channel();
        for _ in 0..threads {
            let sender = sender.clone();
            let (batches, next_batch) = (&batches, &next_batch);
            scope.spawn(move || loop {
                let index = next_batch.fetch_add(1, Ordering::Relaxed);
                let Some(batch) = batches.get(index) else {
                    break;
                };
                let embedded = encoder
                    .embed(batch)
                    .map(|es| es.into_iter().map(|e| e.vector).collect::<Vec<_>>());
                let failed = embedded.is_err();
                // The receiver only goes away when the run has already failed.
                if sender.send((index, embedded)).is_err() || failed {
                    break;
                }
            });
        }
        drop(sender);
        let mut done = 0;
        for (index, embedded) in receiver {
            let vectors = embedded.with_context(|| {
                let first = index * BATCH + 1;
                format!(
                    "embedding texts {first}–{}",
                    first + batches[index].len() - 1
                )
            })?;
            done += vectors.len();
            by_batch[index] = Some(vectors);
            on_progress(done, texts.len());
        }
        Ok(())
    })?;
    by_batch
        .into_iter()
        .map(|vectors| vectors.context("a thread stopped before embedding its batch"))
        .collect::<Result<Vec<_>>>()
        .map(|batches| batches.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model_dir::{installed_dir, read};
    use jobdelta_encoder::{Precision, DEFAULT_MODEL};

    /// Several batches, texts of very different lengths (so threads finish out of order): the
    /// vectors equal a one-thread run bit for bit, in input order, and progress reaches the end.
    #[test]
    fn all_cores_give_the_one_thread_vectors_in_order() -> Result<()> {
        let files = read(&installed_dir(DEFAULT_MODEL), DEFAULT_MODEL)?;
        let encoder = Encoder::for_model(files, DEFAULT_MODEL, Precision::F32)?;
        let texts: Vec<String> = (0..3 * BATCH + 5)
            .map(|i| {
                format!(
                    "Sentence {i} about Rust services. {}",
                    "Kafka ".repeat(i % 7 * 20)
                )
            })
            .collect();
        let mut progress = Vec::new();
        let parallel =
            embed_on_all_cores(&encoder, &texts, |done, total| progress.push((done, total)))?;
        let one_thread: Vec<Vec<f32>> = encoder
            .embed(&texts)?
            .into_iter()
            .map(|e| e.vector)
            .collect();
        assert_eq!(parallel, one_thread);
        assert_eq!(progress.len(), 4);
        assert_eq!(progress.last(), Some(&(texts.len(), texts.len())));
        assert!(progress.windows(2).all(|w| w[0].0 < w[1].0));
        Ok(())
    }

    #[test]
    fn an_empty_text_is_an_error_not_a_panic() -> Result<()> {
        let files = read(&installed_dir(DEFAULT_MODEL), DEFAULT_MODEL)?;
        let encoder = Encoder::for_model(files, DEFAULT_MODEL, Precision::F32)?;
        let mut texts = vec!["A sentence.".to_string(); 2 * BATCH];
        texts[BATCH + 3] = "   ".to_string();
        let error = embed_on_all_cores(&encoder, &texts, |_, _| {}).map(drop);
        let message = format!("{:#}", error.err().context("an empty text was embedded")?);
        assert!(
            message.contains(&format!("texts {}–{}", BATCH + 1, 2 * BATCH)),
            "{message}"
        );
        Ok(())
    }
}
