//! The C library's math functions, called directly so that every result
//! (rounding, NaN signs, domain edge cases) is bit-for-bit what GNU Emacs,
//! which calls the same functions, computes.

mod ffi {
    #[link(name = "m")]
    extern "C" {
        pub fn acos(x: f64) -> f64;
        pub fn asin(x: f64) -> f64;
        pub fn atan(x: f64) -> f64;
        pub fn atan2(y: f64, x: f64) -> f64;
        pub fn cos(x: f64) -> f64;
        pub fn sin(x: f64) -> f64;
        pub fn tan(x: f64) -> f64;
        pub fn exp(x: f64) -> f64;
        pub fn log(x: f64) -> f64;
        pub fn log10(x: f64) -> f64;
        pub fn log2(x: f64) -> f64;
        pub fn pow(x: f64, y: f64) -> f64;
        pub fn sqrt(x: f64) -> f64;
        pub fn fmod(x: f64, y: f64) -> f64;
        pub fn frexp(x: f64, e: *mut i32) -> f64;
        pub fn ldexp(x: f64, e: i32) -> f64;
        pub fn rint(x: f64) -> f64;
        pub fn ceil(x: f64) -> f64;
        pub fn floor(x: f64) -> f64;
        pub fn trunc(x: f64) -> f64;
    }
}

macro_rules! wrap1 {
    ($($name:ident),*) => {
        $(
            #[inline]
            pub fn $name(x: f64) -> f64 {
                // SAFETY: a pure C math function of one double.
                unsafe { ffi::$name(x) }
            }
        )*
    };
}
macro_rules! wrap2 {
    ($($name:ident),*) => {
        $(
            #[inline]
            pub fn $name(x: f64, y: f64) -> f64 {
                // SAFETY: a pure C math function of two doubles.
                unsafe { ffi::$name(x, y) }
            }
        )*
    };
}

wrap1!(acos, asin, atan, cos, sin, tan, exp, log, log10, log2, sqrt, rint, ceil, floor, trunc);
wrap2!(atan2, pow, fmod);

/// C's `frexp`: (significand, exponent).
pub fn frexp(x: f64) -> (f64, i32) {
    let mut e = 0i32;
    // SAFETY: E is a valid out-pointer for the call.
    let m = unsafe { ffi::frexp(x, &mut e) };
    (m, e)
}

/// C's `ldexp`.
pub fn ldexp(x: f64, e: i32) -> f64 {
    // SAFETY: a pure C math function.
    unsafe { ffi::ldexp(x, e) }
}
