//! The context classifier: the package's MLP forward pass (`mlp.py`: `h = h @ W + b`, ReLU
//! between layers, a logistic unit at the end), in f32 as numpy runs it.

use std::sync::OnceLock;

use crate::{Error, Result};

/// The weights, as `scripts/skill-extractor/build.py` writes them.
const MLP_BIN: &[u8] = include_bytes!("../data/mlp.bin");

/// The file's first eight bytes.
const MAGIC: &[u8; 8] = b"JDMLP1\0\0";

/// The width of the embeddings the built-in classifier takes (all-MiniLM-L6-v2's).
pub const EMBEDDING_WIDTH: usize = 384;

/// One dense layer: `weights` row-major `[inputs, outputs]`.
#[derive(Debug, Clone)]
struct Layer {
    inputs: usize,
    outputs: usize,
    weights: Vec<f32>,
    bias: Vec<f32>,
}

/// A multi-layer perceptron giving the probability that a gazetteer hit is a skill in its
/// context.
#[derive(Debug, Clone)]
pub struct Classifier {
    layers: Vec<Layer>,
}

/// Reads little-endian values off the front of a byte slice.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8]> {
        if self.bytes.len() < n {
            return Err(Error::Weights(format!(
                "{} bytes wanted, {} left",
                n,
                self.bytes.len()
            )));
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }

    fn u32(&mut self) -> Result<usize> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn f32s(&mut self, n: usize) -> Result<Vec<f32>> {
        let bytes = self.take(
            n.checked_mul(4)
                .ok_or_else(|| Error::Weights(format!("a layer of {n} values is too large")))?,
        )?;
        Ok(bytes
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }
}

impl Classifier {
    /// The built-in classifier of `skill-extractor` 0.2.0 (384-256-128-64-1), read on first use.
    pub fn builtin() -> Result<&'static Classifier> {
        static BUILTIN: OnceLock<std::result::Result<Classifier, Error>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Classifier::from_bytes(MLP_BIN))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Reads weights in the format of `scripts/skill-extractor/build.py`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Classifier> {
        let mut reader = Reader { bytes };
        if reader.take(MAGIC.len())? != MAGIC {
            return Err(Error::Weights("not a JDMLP1 file".to_owned()));
        }
        let count = reader.u32()?;
        let mut layers: Vec<Layer> = Vec::new();
        for _ in 0..count {
            let inputs = reader.u32()?;
            let outputs = reader.u32()?;
            if let Some(previous) = layers.last() {
                if previous.outputs != inputs {
                    return Err(Error::Weights(format!(
                        "a layer of {} outputs feeds one of {inputs} inputs",
                        previous.outputs
                    )));
                }
            }
            let weights = reader.f32s(inputs.saturating_mul(outputs))?;
            let bias = reader.f32s(outputs)?;
            layers.push(Layer {
                inputs,
                outputs,
                weights,
                bias,
            });
        }
        match layers.last() {
            None => Err(Error::Weights("no layer".to_owned())),
            Some(last) if last.outputs != 1 => Err(Error::Weights(format!(
                "the last layer has {} outputs, not 1",
                last.outputs
            ))),
            Some(_) if !reader.bytes.is_empty() => Err(Error::Weights(format!(
                "{} bytes after the last layer",
                reader.bytes.len()
            ))),
            Some(_) => Ok(Classifier { layers }),
        }
    }

    /// The width of the embeddings it takes.
    pub fn input_width(&self) -> usize {
        self.layers.first().map_or(0, |l| l.inputs)
    }

    /// The probability that the hit whose [`model_input`](crate::Candidate::model_input) was
    /// embedded as `embedding` (L2-normalised) is a skill there.
    pub fn probability(&self, embedding: &[f32]) -> Result<f32> {
        if embedding.len() != self.input_width() {
            return Err(Error::InputWidth {
                expected: self.input_width(),
                got: embedding.len(),
            });
        }
        let last = self.layers.len() - 1;
        let mut h = embedding.to_vec();
        for (index, layer) in self.layers.iter().enumerate() {
            let mut out = layer.bias.clone();
            // Row by row of W: each input scales one contiguous row, which vectorises.
            for (x, row) in h.iter().zip(layer.weights.chunks_exact(layer.outputs)) {
                for (o, w) in out.iter_mut().zip(row) {
                    *o += x * w;
                }
            }
            if index < last {
                for o in &mut out {
                    *o = o.max(0.0);
                }
            }
            h = out;
        }
        Ok(1.0 / (1.0 + (-h[0]).exp()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Vec<u8> {
        // 2 → 2 (ReLU) → 1 (logistic).
        let mut bytes = MAGIC.to_vec();
        bytes.extend(2u32.to_le_bytes());
        for (inputs, outputs, values) in [
            (2u32, 2u32, vec![1.0f32, -1.0, 2.0, 0.5, 0.0, 0.25]),
            (2, 1, vec![1.5, -2.0, 0.1]),
        ] {
            bytes.extend(inputs.to_le_bytes());
            bytes.extend(outputs.to_le_bytes());
            for v in values {
                bytes.extend(v.to_le_bytes());
            }
        }
        bytes
    }

    #[test]
    fn forward_pass_by_hand() {
        let classifier = Classifier::from_bytes(&tiny()).unwrap();
        // h1 = relu([1, 2] @ [[1, -1], [2, 0.5]] + [0, 0.25]) = relu([5, 0.25]) = [5, 0.25];
        // z = 5 * 1.5 + 0.25 * -2 + 0.1 = 7.1.
        let p = classifier.probability(&[1.0, 2.0]).unwrap();
        assert!((p - 1.0 / (1.0 + (-7.1f32).exp())).abs() < 1e-7, "{p}");
        // A negative hidden unit is cut to 0: h1 = relu([-5, 0.25]) = [0, 0.25]; z = -0.4.
        let p = classifier.probability(&[-1.0, -2.0]).unwrap();
        assert!((p - 1.0 / (1.0 + 0.4f32.exp())).abs() < 1e-7, "{p}");
        assert_eq!(
            classifier.probability(&[1.0]),
            Err(Error::InputWidth {
                expected: 2,
                got: 1
            })
        );
    }

    #[test]
    fn malformed_weights_are_refused() {
        let good = tiny();
        for bad in [
            &good[..good.len() - 1],
            &good[..8],
            b"NOTMLP!!\x00\x00\x00\x00".as_slice(),
        ] {
            assert!(Classifier::from_bytes(bad).is_err());
        }
        let mut extra = good.clone();
        extra.push(0);
        assert!(Classifier::from_bytes(&extra).is_err());
    }

    #[test]
    fn the_builtin_classifier_has_the_packages_shape() {
        let classifier = Classifier::builtin().unwrap();
        let shapes: Vec<(usize, usize)> = classifier
            .layers
            .iter()
            .map(|l| (l.inputs, l.outputs))
            .collect();
        assert_eq!(shapes, [(384, 256), (256, 128), (128, 64), (64, 1)]);
        assert_eq!(classifier.input_width(), EMBEDDING_WIDTH);
    }
}
