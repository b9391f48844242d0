//! Encodings and digests of fns.c on strings: `base64-encode-string`,
//! `base64url-encode-string`, `base64-decode-string`, `md5`,
//! `secure-hash` and `secure-hash-algorithms`.  MD5 and the SHA-1/SHA-2
//! family are implemented here (RFC 1321, FIPS 180-4).
use super::seq::validate_subarray;
use crate::builtins::prelude::*;

// ---------------------------------------------------------------------------
// base64

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const MIME_LINE_LENGTH: usize = 76;

/// The bytes a string encodes to for base64: unibyte data as is, multibyte
/// text must be ASCII or raw bytes.
pub(crate) fn base64_input(s: &LispString) -> Option<Vec<u8>> {
    if !s.multibyte {
        return Some(s.data.clone());
    }
    s.chars()
        .map(|c| {
            if c < 0x80 {
                Some(c as u8)
            } else if char_is_raw_byte(c) {
                Some(raw_byte_value(c))
            } else {
                None
            }
        })
        .collect()
}

pub(crate) fn base64_encode(data: &[u8], line_break: bool, url: bool, pad: bool) -> Vec<u8> {
    let table = if url { B64URL } else { B64 };
    let mut out = Vec::with_capacity(data.len() * 4 / 3 + data.len() / 57 + 4);
    let mut counter = 0;
    for chunk in data.chunks(3) {
        if line_break {
            if counter < MIME_LINE_LENGTH / 4 {
                counter += 1;
            } else {
                out.push(b'\n');
                counter = 1;
            }
        }
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let v = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        out.push(table[(v >> 18) as usize & 63]);
        out.push(table[(v >> 12) as usize & 63]);
        if chunk.len() > 1 {
            out.push(table[(v >> 6) as usize & 63]);
        } else if pad {
            out.push(b'=');
        }
        if chunk.len() > 2 {
            out.push(table[v as usize & 63]);
        } else if pad {
            out.push(b'=');
        }
    }
    out
}

fn encode_string(a: &[Value], line_break: bool, url: bool, pad: bool) -> LResult {
    let s = expect_string(a[0])?;
    let Some(data) = base64_input(s) else { return Err(error("Multibyte character in data for base64 encoding")) };
    Ok(make_string_from_bytes(base64_encode(&data, line_break, url, pad), false))
}

pub fn f_base64_encode_string(a: &[Value]) -> LResult {
    encode_string(a, a[1].is_nil(), false, true)
}
pub fn f_base64url_encode_string(a: &[Value]) -> LResult {
    encode_string(a, false, true, a[1].is_nil())
}

/// Value of base64 digit C plus one, 0 for invalid, -1 for ignored whitespace.
fn b64_value(c: u8, url: bool) -> i32 {
    match c {
        b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' => -1,
        b'A'..=b'Z' => (c - b'A') as i32 + 1,
        b'a'..=b'z' => (c - b'a') as i32 + 27,
        b'0'..=b'9' => (c - b'0') as i32 + 53,
        b'+' if !url => 63,
        b'/' if !url => 64,
        b'-' if url => 63,
        b'_' if url => 64,
        _ => 0,
    }
}

/// Emacs's `base64_decode_1`: the decoded bytes, or None for invalid data.
pub(crate) fn base64_decode(src: &[u8], url: bool, ignore_invalid: bool) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(src.len() * 3 / 4);
    let mut f = 0;
    // The next significant byte and its value, skipping ignorable ones.
    let next = |f: &mut usize| -> Option<(u8, i32)> {
        loop {
            let c = *src.get(*f)?;
            *f += 1;
            let v = b64_value(c, url);
            if !(v < 0 || (v == 0 && ignore_invalid)) {
                return Some((c, v));
            }
        }
    };
    loop {
        let Some((_, v1)) = next(&mut f) else { return Some(out) };
        if v1 == 0 {
            return None;
        }
        let mut value = ((v1 - 1) as u32) << 18;
        let (_, v2) = next(&mut f)?;
        if v2 == 0 {
            return None;
        }
        value += ((v2 - 1) as u32) << 12;
        out.push((value >> 16) as u8);
        let Some((c3, v3)) = next(&mut f) else {
            return if !url && !ignore_invalid { None } else { Some(out) };
        };
        if c3 == b'=' {
            loop {
                let c = *src.get(f)?;
                f += 1;
                if b64_value(c, url) >= 0 {
                    if c != b'=' {
                        return None;
                    }
                    break;
                }
            }
            continue;
        }
        if v3 == 0 {
            return None;
        }
        value += ((v3 - 1) as u32) << 6;
        out.push((value >> 8) as u8);
        let Some((c4, v4)) = next(&mut f) else {
            return if !url && !ignore_invalid { None } else { Some(out) };
        };
        if c4 == b'=' {
            continue;
        }
        if v4 == 0 {
            return None;
        }
        value += (v4 - 1) as u32;
        out.push(value as u8);
    }
}

pub fn f_base64_decode_string(a: &[Value]) -> LResult {
    let s = expect_string(a[0])?;
    match base64_decode(&s.data, !a[1].is_nil(), !a[2].is_nil()) {
        Some(d) => Ok(make_string_from_bytes(d, false)),
        None => Err(error("Invalid base64 data")),
    }
}

// ---------------------------------------------------------------------------
// Digests

fn md5(data: &[u8]) -> Vec<u8> {
    const S: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];
    let k: Vec<u32> = (0..64).map(|i| ((i as f64 + 1.0).sin().abs() * 4294967296.0) as u32).collect();
    let mut h: [u32; 4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
    for block in pad_message(data, false).chunks(64) {
        let m: Vec<u32> = block.chunks(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])).collect();
        let [mut a, mut b, mut c, mut d] = h;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let t = d;
            d = c;
            c = b;
            b = b.wrapping_add(a.wrapping_add(f).wrapping_add(k[i]).wrapping_add(m[g]).rotate_left(S[i]));
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().flat_map(|w| w.to_le_bytes()).collect()
}

/// Merkle–Damgård padding to 64-byte blocks with a 64-bit bit length.
fn pad_message(data: &[u8], big_endian: bool) -> Vec<u8> {
    let mut m = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    m.push(0x80);
    while m.len() % 64 != 56 {
        m.push(0);
    }
    m.extend_from_slice(&if big_endian { bits.to_be_bytes() } else { bits.to_le_bytes() });
    m
}

fn sha1(data: &[u8]) -> Vec<u8> {
    let mut h: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
    for block in pad_message(data, true).chunks(64) {
        let mut w = [0u32; 80];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([block[4 * i], block[4 * i + 1], block[4 * i + 2], block[4 * i + 3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i / 20 {
                0 => ((b & c) | (!b & d), 0x5A827999),
                1 => (b ^ c ^ d, 0x6ED9EBA1),
                2 => ((b & c) | (b & d) | (c & d), 0x8F1BBCDC),
                _ => (b ^ c ^ d, 0xCA62C1D6),
            };
            let t = a.rotate_left(5).wrapping_add(f).wrapping_add(e).wrapping_add(k).wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().flat_map(|w| w.to_be_bytes()).collect()
}

const K256: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
    0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
    0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
    0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
    0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
    0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

fn sha256_family(data: &[u8], init: [u32; 8], out_words: usize) -> Vec<u8> {
    let mut h = init;
    for block in pad_message(data, true).chunks(64) {
        let mut w = [0u32; 64];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([block[4 * i], block[4 * i + 1], block[4 * i + 2], block[4 * i + 3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7].wrapping_add(s1).wrapping_add(ch).wrapping_add(K256[i]).wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [t1.wrapping_add(t2), v[0], v[1], v[2], v[3].wrapping_add(t1), v[4], v[5], v[6]];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    h[..out_words].iter().flat_map(|w| w.to_be_bytes()).collect()
}

const K512: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

fn sha512_family(data: &[u8], init: [u64; 8], out_words: usize) -> Vec<u8> {
    let mut m = data.to_vec();
    let bits = (data.len() as u128).wrapping_mul(8);
    m.push(0x80);
    while m.len() % 128 != 112 {
        m.push(0);
    }
    m.extend_from_slice(&bits.to_be_bytes());
    let mut h = init;
    for block in m.chunks(128) {
        let mut w = [0u64; 80];
        for i in 0..16 {
            let mut b = [0u8; 8];
            b.copy_from_slice(&block[8 * i..8 * i + 8]);
            w[i] = u64::from_be_bytes(b);
        }
        for i in 16..80 {
            let s0 = w[i - 15].rotate_right(1) ^ w[i - 15].rotate_right(8) ^ (w[i - 15] >> 7);
            let s1 = w[i - 2].rotate_right(19) ^ w[i - 2].rotate_right(61) ^ (w[i - 2] >> 6);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..80 {
            let s1 = v[4].rotate_right(14) ^ v[4].rotate_right(18) ^ v[4].rotate_right(41);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7].wrapping_add(s1).wrapping_add(ch).wrapping_add(K512[i]).wrapping_add(w[i]);
            let s0 = v[0].rotate_right(28) ^ v[0].rotate_right(34) ^ v[0].rotate_right(39);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [t1.wrapping_add(t2), v[0], v[1], v[2], v[3].wrapping_add(t1), v[4], v[5], v[6]];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    h[..out_words].iter().flat_map(|w| w.to_be_bytes()).collect()
}

/// The digest of DATA by algorithm NAME (md5, sha1, sha224 ... sha512).
pub fn digest(name: &str, data: &[u8]) -> Option<Vec<u8>> {
    Some(match name {
        "md5" => md5(data),
        "sha1" => sha1(data),
        "sha224" => {
            sha256_family(data, [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4], 7)
        }
        "sha256" => {
            sha256_family(data, [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19], 8)
        }
        "sha384" => sha512_family(
            data,
            [
                0xcbbb9d5dc1059ed8,
                0x629a292a367cd507,
                0x9159015a3070dd17,
                0x152fecd8f70e5939,
                0x67332667ffc00b31,
                0x8eb44a8768581511,
                0xdb0c2e0d64f98fa7,
                0x47b5481dbefa4fa4,
            ],
            6,
        ),
        "sha512" => sha512_family(
            data,
            [
                0x6a09e667f3bcc908,
                0xbb67ae8584caa73b,
                0x3c6ef372fe94f82b,
                0xa54ff53a5f1d36f1,
                0x510e527fade682d1,
                0x9b05688c2b3e6c1f,
                0x1f83d9abfb41bd6b,
                0x5be0cd19137e2179,
            ],
            8,
        ),
        _ => return None,
    })
}

const ALGORITHMS: [&str; 6] = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"];

pub fn f_secure_hash_algorithms(_: &[Value]) -> LResult {
    Ok(list(&ALGORITHMS.iter().map(|a| intern(a)).collect::<Vec<_>>()))
}

/// The bytes of chars FROM..TO of OBJECT (a string) as the digest input:
/// multibyte text is encoded as UTF-8, raw bytes as themselves.
fn hash_input(object: Value, start: Value, end: Value) -> LResult<Vec<u8>> {
    if !object.is_string() {
        let shown = if object.is_nil() { make_string("nil") } else { object };
        return Err(signal_list(sym::ERROR, &[make_string("Invalid object argument"), shown]));
    }
    let s = object.string_ref();
    let (from, to) = validate_subarray(object, start, end, s.nchars)?;
    if !s.multibyte {
        return Ok(s.data[from..to].to_vec());
    }
    let (bf, bt) = (s.byte_offset(from), s.byte_offset(to));
    let mut out = Vec::with_capacity(bt - bf);
    let mut i = bf;
    while i < bt {
        let (c, n) = decode_char(&s.data[i..]);
        if char_is_raw_byte(c) {
            out.push(raw_byte_value(c));
        } else {
            out.extend_from_slice(&s.data[i..i + n]);
        }
        i += n;
    }
    Ok(out)
}

fn hex(bytes: &[u8]) -> Value {
    let h: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    make_string(&h)
}

pub fn f_secure_hash(a: &[Value]) -> LResult {
    let alg = expect_symbol(a[0])?;
    let name = if alg.is_symbol() { alg.sym().name.string_ref().to_string_lossy() } else { String::new() };
    if !alg.is_symbol() || !ALGORITHMS.contains(&name.as_str()) {
        let shown = if alg.is_symbol() { name } else { String::from("?") };
        return Err(error(&format!("Invalid algorithm arg: {shown}")));
    }
    let data = hash_input(a[1], a[2], a[3])?;
    let d = digest(&name, &data).unwrap_or_default();
    Ok(if a[4].is_nil() { hex(&d) } else { make_string_from_bytes(d, false) })
}

pub fn f_md5(a: &[Value]) -> LResult {
    let data = hash_input(a[0], a[1], a[2])?;
    Ok(hex(&md5(&data)))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn hexs(v: &[u8]) -> String {
        v.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn digests_match_references() {
        // FIPS 180-4 / RFC 1321 test vectors ("abc").
        assert_eq!(hexs(&md5(b"abc")), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(hexs(&sha1(b"abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(hexs(&digest("sha224", b"abc").unwrap()), "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
        assert_eq!(hexs(&digest("sha256", b"abc").unwrap()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(
            hexs(&digest("sha384", b"abc").unwrap()),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"
        );
        assert_eq!(
            hexs(&digest("sha512", b"abc").unwrap()),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        );
        let long = vec![b'a'; 1000];
        assert_eq!(hexs(&md5(&long)), "cabe45dcc9ae5b66ba86600cca6b8ba8");
    }

    #[test]
    fn lisp_interface() {
        setup();
        // Expectations from GNU Emacs 30.1.
        assert_eq!(text(call("md5", &[s("abc")]).unwrap()), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(text(call("md5", &[s("é")]).unwrap()), "66ddcd97cfdeabb2f6fb8a999b4bc76f");
        assert_eq!(text(call("md5", &[make_string_from_bytes(vec![0xe9], false)]).unwrap()), "3406877694691ddd1dfb0aca54681407");
        assert_eq!(text(call("md5", &[s("abc"), n(1), n(2)]).unwrap()), "92eb5ffee6ae2fec3ad71c777531578f");
        let abc = s("abc");
        assert!(call("secure-hash", &[sy("sha256"), abc, n(0), n(10)]).is_err());
        assert_eq!(err(), (sym::ARGS_OUT_OF_RANGE, vec![abc, n(0), n(10)]));
        assert!(call("secure-hash", &[sy("foo"), abc]).is_err());
        assert_eq!(text(err().1[0]), "Invalid algorithm arg: foo");
        let bin = call("secure-hash", &[sy("md5"), abc, Value::NIL, Value::NIL, Value::T]).unwrap();
        assert_eq!(bin.string_ref().data.len(), 16);
        assert_eq!(text(call("base64-encode-string", &[s("hello")]).unwrap()), "aGVsbG8=");
        assert!(call("base64-encode-string", &[s("é")]).is_err());
        assert_eq!(text(err().1[0]), "Multibyte character in data for base64 encoding");
        let sixty = s(&"a".repeat(60));
        let enc = text(call("base64-encode-string", &[sixty]).unwrap());
        assert_eq!(enc, format!("{}\nYWFh", "YWFh".repeat(19)));
        assert_eq!(text(call("base64-encode-string", &[sixty, Value::T]).unwrap()), "YWFh".repeat(20));
        let ff = make_string_from_bytes(vec![0xff, 0xff], false);
        assert_eq!(text(call("base64url-encode-string", &[ff]).unwrap()), "__8=");
        assert_eq!(text(call("base64url-encode-string", &[ff, Value::T]).unwrap()), "__8");
        assert_eq!(text(call("base64-decode-string", &[s("aGVsbG8=")]).unwrap()), "hello");
        assert!(call("base64-decode-string", &[s("aGVsbG8")]).is_err());
        assert_eq!(text(err().1[0]), "Invalid base64 data");
        assert_eq!(text(call("base64-decode-string", &[s("aGVsbG8"), Value::NIL, Value::T]).unwrap()), "hello");
        assert!(call("base64-decode-string", &[s("a!b")]).is_err());
        assert_eq!(call("base64-decode-string", &[s("w6k=")]).unwrap().string_ref().data, vec![0xc3, 0xa9]);
        assert_eq!(text(call("base64-decode-string", &[s("YQ==YQ==")]).unwrap()), "aa");
        assert!(call("base64-decode-string", &[s("YQ=x")]).is_err());
        assert_eq!(text(call("base64-decode-string", &[s("YQ= =")]).unwrap()), "a");
        assert_eq!(text(call("base64-decode-string", &[s("YQ=="), Value::NIL, Value::T]).unwrap()), "a");
        assert_eq!(call("base64-decode-string", &[s("_-8"), Value::T]).unwrap().string_ref().data, vec![0xff, 0xef]);
    }
}
