//! Reading a safetensors file: the `safetensors` crate (Hugging Face's own reader, which
//! validates the header — every tensor's offsets inside the file, its size matching its shape
//! and dtype, no gap — without copying the data) and `half` to widen f16 and bf16 exactly.
//!
//! The encoder computes in f32, so every tensor is read as f32: an f32 file as it is, an f16
//! or bf16 one (the app downloads an f16 copy, half the size) widened on the way. What this
//! module adds to the crates is the encoder's view: a tensor is taken once (its f32 copy then
//! owns the memory), integer buffers such as BERT's `position_ids` may sit in the file
//! unread, and a damaged file's error says what a person can do.

use std::collections::HashSet;

use half::{bf16, f16};
use safetensors::tensor::{Dtype, SafeTensorError, SafeTensors};

use crate::error::{Error, Result};

/// The tensors of one file, checked against its length when parsed.
pub(crate) struct Tensors<'a> {
    file: SafeTensors<'a>,
    /// Names already taken: a second take is a bug in the caller, refused.
    taken: HashSet<String>,
}

impl<'a> Tensors<'a> {
    /// Parses the header of `file` and checks every tensor lies inside it with the size its
    /// shape and dtype imply.
    pub(crate) fn parse(file: &'a [u8]) -> Result<Self> {
        let file = SafeTensors::deserialize(file).map_err(|error| {
            let why = match error {
                SafeTensorError::HeaderTooSmall
                | SafeTensorError::HeaderTooLarge
                | SafeTensorError::InvalidHeaderLength => {
                    format!("{error}: the file is shorter than its header says (truncated?)")
                }
                SafeTensorError::InvalidHeader(_)
                | SafeTensorError::InvalidHeaderDeserialization(_)
                | SafeTensorError::JsonError(_) => {
                    format!("the header is not valid JSON ({error})")
                }
                _ => format!("{error}: a tensor does not fit the file (truncated?)"),
            };
            weights_error(why)
        })?;
        Ok(Self {
            file,
            taken: HashSet::new(),
        })
    }

    /// Whether any tensor is stored at half precision.
    pub(crate) fn has_half_precision(&self) -> bool {
        self.file
            .iter()
            .any(|(_, view)| matches!(view.dtype(), Dtype::F16 | Dtype::BF16))
    }

    /// Takes the tensor `name` out (a second take fails) as its shape and f32 values.
    pub(crate) fn take(&mut self, name: &str) -> Result<Tensor> {
        let missing = || weights_error(format!("tensor {name} is missing"));
        if self.taken.contains(name) {
            return Err(missing());
        }
        let view = self.file.tensor(name).map_err(|_| missing())?;
        let bytes = view.data();
        let values = match view.dtype() {
            Dtype::F32 => bytes
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
            Dtype::F16 => bytes
                .chunks_exact(2)
                .map(|b| f16::from_le_bytes([b[0], b[1]]).to_f32())
                .collect(),
            Dtype::BF16 => bytes
                .chunks_exact(2)
                .map(|b| bf16::from_le_bytes([b[0], b[1]]).to_f32())
                .collect(),
            other => {
                return Err(weights_error(format!(
                    "tensor {name} has dtype {other}; only F32, F16 and BF16 are read"
                )))
            }
        };
        self.taken.insert(name.to_owned());
        Ok(Tensor {
            dims: view.shape().to_vec(),
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

    fn f16_to_f32(half: u16) -> f32 {
        f16::from_bits(half).to_f32()
    }

    /// IEEE 754 half → single by the bits (every half is exactly representable in f32).
    fn exact_f16(half: u16) -> f32 {
        let sign = u32::from(half >> 15) << 31;
        let exponent = u32::from((half >> 10) & 0x1f);
        let mantissa = u32::from(half & 0x3ff);
        let bits = match (exponent, mantissa) {
            (0, 0) => sign,
            (0, _) => {
                let value = mantissa as f32 * f32::from_bits(0x3380_0000); // 2⁻²⁴
                return if sign == 0 { value } else { -value };
            }
            (0x1f, _) => sign | 0x7f80_0000 | (mantissa << 13),
            _ => sign | ((exponent + 127 - 15) << 23) | (mantissa << 13),
        };
        f32::from_bits(bits)
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
        // Every one of the 65,536 halves, against the exact rule the hand-written reader used.
        for half in 0..=u16::MAX {
            let (got, want) = (f16_to_f32(half), exact_f16(half));
            assert!(
                got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
                "{half:#06x}"
            );
        }
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
                "shorter than its header says",
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
