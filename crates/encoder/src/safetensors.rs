//! Reading a safetensors file: the few lines of format this crate needs, instead of a tensor
//! library (which was most of the worker's WebAssembly and download).
//!
//! The format: an 8-byte little-endian header length, a JSON header naming each tensor's
//! dtype, shape and byte range, then the data. Tensors are read as f32; f16 and bf16 ones
//! (the app downloads an f16 copy, half the size) are widened exactly on the way.

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;

use crate::error::{Error, Result};

/// Element types this reader widens to f32.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub(crate) enum Dtype {
    F32,
    F16,
    BF16,
}

impl Dtype {
    fn size(self) -> usize {
        match self {
            Dtype::F32 => 4,
            Dtype::F16 | Dtype::BF16 => 2,
        }
    }
}

/// One tensor as the header describes it.
#[derive(Debug, Deserialize)]
struct HeaderEntry {
    dtype: String,
    shape: Vec<usize>,
    data_offsets: [usize; 2],
}

/// A tensor found in the file.
#[derive(Debug)]
struct Entry {
    /// `Err(name)` for a dtype this reader does not widen (a model's integer buffers, such
    /// as `position_ids`): such a tensor is only an error if it is taken.
    dtype: std::result::Result<Dtype, String>,
    shape: Vec<usize>,
    bytes: Range<usize>,
}

/// The tensors of one file, checked against its length when parsed.
pub(crate) struct Tensors<'a> {
    data: &'a [u8],
    entries: HashMap<String, Entry>,
}

impl<'a> Tensors<'a> {
    /// Parses the header of `file` and checks every tensor lies inside it with the size its
    /// shape and dtype imply.
    pub(crate) fn parse(file: &'a [u8]) -> Result<Self> {
        let length_bytes: [u8; 8] = file
            .get(..8)
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| weights_error("the file is shorter than a safetensors header".into()))?;
        let header_len = usize::try_from(u64::from_le_bytes(length_bytes))
            .ok()
            .filter(|&n| n <= file.len() - 8)
            .ok_or_else(|| {
                weights_error("the header is longer than the file (truncated?)".into())
            })?;
        let header: HashMap<String, serde_json::Value> =
            serde_json::from_slice(&file[8..8 + header_len])
                .map_err(|e| weights_error(format!("the header is not valid JSON ({e})")))?;
        let data = &file[8 + header_len..];
        let mut entries = HashMap::with_capacity(header.len());
        for (name, value) in header {
            if name == "__metadata__" {
                continue;
            }
            let entry: HeaderEntry = serde_json::from_value(value)
                .map_err(|e| weights_error(format!("tensor {name}: {e}")))?;
            let dtype = match entry.dtype.as_str() {
                "F32" => Ok(Dtype::F32),
                "F16" => Ok(Dtype::F16),
                "BF16" => Ok(Dtype::BF16),
                other => Err(other.to_owned()),
            };
            let [start, end] = entry.data_offsets;
            let size_matches = match dtype {
                Ok(dtype) => {
                    let expected = entry
                        .shape
                        .iter()
                        .try_fold(dtype.size(), |n, &d| n.checked_mul(d));
                    expected == end.checked_sub(start)
                }
                Err(_) => true,
            };
            if start > end || end > data.len() || !size_matches {
                return Err(weights_error(format!(
                    "tensor {name} ({:?}, {}) does not fit bytes {start}..{end} of {} (truncated?)",
                    entry.shape,
                    entry.dtype,
                    data.len()
                )));
            }
            entries.insert(
                name,
                Entry {
                    dtype,
                    shape: entry.shape,
                    bytes: start..end,
                },
            );
        }
        Ok(Self { data, entries })
    }

    /// Whether any tensor is stored at half precision.
    pub(crate) fn has_half_precision(&self) -> bool {
        self.entries
            .values()
            .any(|e| matches!(e.dtype, Ok(Dtype::F16 | Dtype::BF16)))
    }

    /// Takes the tensor `name` out (a second take fails) as its shape and f32 values.
    pub(crate) fn take(&mut self, name: &str) -> Result<Tensor> {
        let entry = self
            .entries
            .remove(name)
            .ok_or_else(|| weights_error(format!("tensor {name} is missing")))?;
        let dtype = entry.dtype.map_err(|other| {
            weights_error(format!(
                "tensor {name} has dtype {other}; only F32, F16 and BF16 are read"
            ))
        })?;
        let bytes = &self.data[entry.bytes];
        let values = match dtype {
            Dtype::F32 => bytes
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
            Dtype::F16 => bytes
                .chunks_exact(2)
                .map(|b| f16_to_f32(u16::from_le_bytes([b[0], b[1]])))
                .collect(),
            Dtype::BF16 => bytes
                .chunks_exact(2)
                .map(|b| f32::from_bits(u32::from(u16::from_le_bytes([b[0], b[1]])) << 16))
                .collect(),
        };
        Ok(Tensor {
            dims: entry.shape,
            values,
        })
    }
}

/// One tensor read from the file, widened to f32.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tensor {
    /// Its shape, outermost dimension first.
    pub dims: Vec<usize>,
    /// Its values in row-major order.
    pub values: Vec<f32>,
}

/// The f32 with the same value as the IEEE 754 half-precision number `half` (every half is
/// exactly representable in f32).
pub(crate) fn f16_to_f32(half: u16) -> f32 {
    let sign = u32::from(half >> 15) << 31;
    let exponent = u32::from((half >> 10) & 0x1f);
    let mantissa = u32::from(half & 0x3ff);
    let bits = match (exponent, mantissa) {
        (0, 0) => sign,
        // Subnormal: mantissa × 2⁻²⁴, normal in f32.
        (0, _) => {
            let value = mantissa as f32 * f32::from_bits(0x3380_0000); // 2⁻²⁴
            return if sign == 0 { value } else { -value };
        }
        // Infinity and NaN keep their payload.
        (0x1f, _) => sign | 0x7f80_0000 | (mantissa << 13),
        _ => sign | ((exponent + 127 - 15) << 23) | (mantissa << 13),
    };
    f32::from_bits(bits)
}

pub(crate) fn weights_error(message: String) -> Error {
    Error::Weights(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn file(header: &str, data: &[u8]) -> Vec<u8> {
        let mut bytes = (header.len() as u64).to_le_bytes().to_vec();
        bytes.extend_from_slice(header.as_bytes());
        bytes.extend_from_slice(data);
        bytes
    }

    #[test]
    fn half_precision_widens_exactly() {
        let cases = [
            (0x0000, 0.0),
            (0x3c00, 1.0),
            (0xc000, -2.0),
            (0x3555, 0.333_251_95),
            (0x7bff, 65504.0),
            (0x0001, 5.960_464_5e-8),
            (0x03ff, 6.097_555e-5),
            (0x0400, 6.103_515_6e-5),
        ];
        for (half, expected) in cases {
            assert_eq!(f16_to_f32(half), expected, "{half:#06x}");
        }
        assert_eq!(f16_to_f32(0x8000).to_bits(), (-0.0_f32).to_bits());
        assert_eq!(f16_to_f32(0x7c00), f32::INFINITY);
        assert_eq!(f16_to_f32(0xfc00), f32::NEG_INFINITY);
        assert!(f16_to_f32(0x7e00).is_nan());
    }

    #[test]
    fn every_dtype_reads_as_f32() -> Result<()> {
        let mut data = Vec::new();
        data.extend_from_slice(&1.5_f32.to_le_bytes());
        data.extend_from_slice(&(-3.0_f32).to_le_bytes());
        data.extend_from_slice(&0x3c00_u16.to_le_bytes()); // f16 1.0
        data.extend_from_slice(&0x3f80_u16.to_le_bytes()); // bf16 1.0
        let header = r#"{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"h":{"dtype":"F16","shape":[1,1],"data_offsets":[8,10]},"b":{"dtype":"BF16","shape":[1],"data_offsets":[10,12]}}"#;
        let bytes = file(header, &data);
        let mut tensors = Tensors::parse(&bytes)?;
        assert!(tensors.has_half_precision());
        assert_eq!(
            tensors.take("a")?,
            Tensor {
                dims: vec![2],
                values: vec![1.5, -3.0]
            }
        );
        assert_eq!(
            tensors.take("h")?,
            Tensor {
                dims: vec![1, 1],
                values: vec![1.0]
            }
        );
        assert_eq!(
            tensors.take("b")?,
            Tensor {
                dims: vec![1],
                values: vec![1.0]
            }
        );
        assert!(tensors.take("a").is_err(), "a tensor is taken once");
        Ok(())
    }

    /// Integer buffers (BERT's `position_ids`) may sit in the file; only taking one fails.
    #[test]
    fn other_dtypes_are_refused_when_taken() -> Result<()> {
        let header = r#"{"ids":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#;
        let bytes = file(header, &[0; 8]);
        let mut tensors = Tensors::parse(&bytes)?;
        assert!(!tensors.has_half_precision());
        match tensors.take("ids") {
            Ok(_) => panic!("an I64 tensor was read as f32"),
            Err(error) => assert!(error.to_string().contains("dtype I64"), "{error}"),
        }
        Ok(())
    }

    #[test]
    fn damaged_files_are_errors() {
        let good = r#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#;
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (vec![1, 2, 3], "shorter"),
            (file(good, &[0; 4]), "does not fit"),
            (
                file(
                    r#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#,
                    &[0; 8],
                ),
                "does not fit",
            ),
            (file("{not json", &[]), "not valid JSON"),
            (
                {
                    let mut b = file(good, &[0; 8]);
                    b[..8].copy_from_slice(&u64::MAX.to_le_bytes());
                    b
                },
                "longer than the file",
            ),
        ];
        for (bytes, expected) in cases {
            match Tensors::parse(&bytes) {
                Ok(_) => panic!("{expected}: parsed"),
                Err(error) => assert!(
                    error.to_string().contains(expected),
                    "{error} should say {expected}"
                ),
            }
        }
    }
}
