//! Primitives of GNU Emacs's fns.c, split by concern: lists and property
//! lists (`lists`), sequences and mapping (`seq`), string comparison and
//! conversion (`strings`), sorting and `value<` (`sort`), hash tables and
//! `sxhash` (`hash`), equality, features and `random` (`misc`), and base64 /
//! message digests (`codec`), and the buffer primitives (`region`: base64 of
//! regions, `buffer-hash`, `buffer-line-statistics`) and `system` (`locale-info`,
//! `yes-or-no-p`).  The one `SUBRS` table below lists them all.
use crate::builtins::prelude::*;

pub mod codec;
pub mod hash;
pub mod lists;
pub mod misc;
pub mod region;
pub mod seq;
pub mod sort;
pub mod strings;
pub mod system;

use codec::*;
use hash::*;
use lists::*;
use misc::*;
use region::*;
use seq::*;
use sort::*;
use strings::*;
use system::*;

pub static SUBRS: &[SubrDef] = &[
    // lists.rs
    SubrDef::new("length", 1, 1, f_length, "Return the length of vector, list or string SEQUENCE."),
    SubrDef::new("safe-length", 1, 1, f_safe_length, "Return the length of a list, but avoid error or infinite loop."),
    SubrDef::new("proper-list-p", 1, 1, f_proper_list_p, "Return OBJECT's length if it is a proper list, nil otherwise."),
    SubrDef::new("length<", 2, 2, f_length_less, "Return non-nil if SEQUENCE is shorter than LENGTH."),
    SubrDef::new("length>", 2, 2, f_length_greater, "Return non-nil if SEQUENCE is longer than LENGTH."),
    SubrDef::new("length=", 2, 2, f_length_equal, "Return non-nil if SEQUENCE has length equal to LENGTH."),
    SubrDef::new("nthcdr", 2, 2, f_nthcdr, "Take cdr N times on LIST, return the result."),
    SubrDef::new("nth", 2, 2, f_nth, "Return the Nth element of LIST."),
    SubrDef::new("elt", 2, 2, f_elt, "Return element of SEQUENCE at index N."),
    SubrDef::new("member", 2, 2, f_member, "Return non-nil if ELT is an element of LIST.  Comparison done with `equal'."),
    SubrDef::new("memq", 2, 2, f_memq, "Return non-nil if ELT is an element of LIST.  Comparison done with `eq'."),
    SubrDef::new("memql", 2, 2, f_memql, "Return non-nil if ELT is an element of LIST.  Comparison done with `eql'."),
    SubrDef::new("assq", 2, 2, f_assq, "Return non-nil if KEY is `eq' to the car of an element of ALIST."),
    SubrDef::new("assoc", 2, 3, f_assoc, "Return non-nil if KEY is equal to the car of an element of ALIST."),
    SubrDef::new("rassq", 2, 2, f_rassq, "Return non-nil if KEY is `eq' to the cdr of an element of ALIST."),
    SubrDef::new("rassoc", 2, 2, f_rassoc, "Return non-nil if KEY is `equal' to the cdr of an element of ALIST."),
    SubrDef::new("delq", 2, 2, f_delq, "Delete members of LIST which are `eq' to ELT, and return the result."),
    SubrDef::new("delete", 2, 2, f_delete, "Delete members of SEQ which are `equal' to ELT, and return the result."),
    SubrDef::new("nreverse", 1, 1, f_nreverse, "Reverse order of items in a list, vector or string SEQ."),
    SubrDef::new("reverse", 1, 1, f_reverse, "Return the reversed copy of list, vector, or string SEQ."),
    SubrDef::new("nconc", 0, MANY, f_nconc, "Concatenate any number of lists by altering them."),
    SubrDef::new("copy-alist", 1, 1, f_copy_alist, "Return a copy of ALIST."),
    SubrDef::new("take", 2, 2, f_take, "Return the first N elements of LIST."),
    SubrDef::new("ntake", 2, 2, f_ntake, "Modify LIST to keep only the first N elements."),
    SubrDef::new("plist-get", 2, 3, f_plist_get, "Extract a value from a property list."),
    SubrDef::new("plist-put", 3, 4, f_plist_put, "Change value in PLIST of PROP to VAL."),
    SubrDef::new("plist-member", 2, 3, f_plist_member, "Return non-nil if PLIST has the property PROP."),
    SubrDef::new("get", 2, 2, f_get, "Return the value of SYMBOL's PROPNAME property."),
    SubrDef::new("put", 3, 3, f_put, "Store SYMBOL's PROPNAME property with value VALUE."),
    SubrDef::new("widget-put", 3, 3, f_widget_put, "In WIDGET, set PROPERTY to VALUE."),
    SubrDef::new("widget-get", 2, 2, f_widget_get, "In WIDGET, get the value of PROPERTY."),
    SubrDef::new("widget-apply", 2, MANY, f_widget_apply, "Apply the value of WIDGET's PROPERTY to the widget itself."),
    // seq.rs
    SubrDef::new("identity", 1, 1, f_identity, "Return the ARGUMENT unchanged."),
    SubrDef::new("append", 0, MANY, f_append, "Concatenate all the arguments and make the result a list."),
    SubrDef::new("concat", 0, MANY, f_concat, "Concatenate all the arguments and make the result a string."),
    SubrDef::new("vconcat", 0, MANY, f_vconcat, "Concatenate all the arguments and make the result a vector."),
    SubrDef::new("copy-sequence", 1, 1, f_copy_sequence, "Return a copy of a list, vector, string, char-table or record."),
    SubrDef::new("substring", 1, 3, f_substring, "Return a new string whose contents are a substring of STRING."),
    SubrDef::new("substring-no-properties", 1, 3, f_substring_no_properties, "Return a substring of STRING, without text properties."),
    SubrDef::new("fillarray", 2, 2, f_fillarray, "Store each element of ARRAY with ITEM."),
    SubrDef::new("clear-string", 1, 1, f_clear_string, "Clear the contents of STRING."),
    SubrDef::new("mapcar", 2, 2, f_mapcar, "Apply FUNCTION to each element of SEQUENCE, and make a list of the results."),
    SubrDef::new("mapc", 2, 2, f_mapc, "Apply FUNCTION to each element of SEQUENCE for side effects only."),
    SubrDef::new("mapcan", 2, 2, f_mapcan, "Apply FUNCTION to each element of SEQUENCE, and concatenate the results by altering them."),
    SubrDef::new("mapconcat", 2, 3, f_mapconcat, "Apply FUNCTION to each element of SEQUENCE, and concat the results as strings."),
    // strings.rs
    SubrDef::new("string-equal", 2, 2, f_string_equal, "Return t if two strings have identical contents."),
    SubrDef::new("string-lessp", 2, 2, f_string_lessp, "Return non-nil if STRING1 is less than STRING2 in lexicographic order."),
    SubrDef::new("string-version-lessp", 2, 2, f_string_version_lessp, "Return non-nil if S1 is less than S2, as version strings."),
    SubrDef::new(
        "string-collate-lessp",
        2,
        4,
        f_string_collate_lessp,
        "Return t if first arg string is less than second in collation order.",
    ),
    SubrDef::new("string-collate-equalp", 2, 4, f_string_collate_equalp, "Return t if two strings have identical contents."),
    SubrDef::new("compare-strings", 6, 7, f_compare_strings, "Compare the contents of two strings, converting to multibyte if needed."),
    SubrDef::new("string-distance", 2, 3, f_string_distance, "Return Levenshtein distance between STRING1 and STRING2."),
    SubrDef::new("string-search", 2, 3, f_string_search, "Search for the string NEEDLE in the string HAYSTACK."),
    SubrDef::new("string-bytes", 1, 1, f_string_bytes, "Return the number of bytes in STRING."),
    SubrDef::new("string-to-multibyte", 1, 1, f_string_to_multibyte, "Return a multibyte string with the same individual chars as STRING."),
    SubrDef::new("string-to-unibyte", 1, 1, f_string_to_unibyte, "Return a unibyte string with the same individual chars as STRING."),
    SubrDef::new("string-as-unibyte", 1, 1, f_string_as_unibyte, "Return a unibyte string with the same individual bytes as STRING."),
    SubrDef::new("string-as-multibyte", 1, 1, f_string_as_multibyte, "Return a multibyte string with the same individual bytes as STRING."),
    SubrDef::new("string-make-unibyte", 1, 1, f_string_make_unibyte, "Return the unibyte equivalent of STRING."),
    SubrDef::new("object-intervals", 1, 1, f_object_intervals, "Return a copy of the text properties of OBJECT."),
    SubrDef::new("string-make-multibyte", 1, 1, f_string_make_multibyte, "Return the multibyte equivalent of STRING."),
    // sort.rs
    SubrDef::new("sort", 1, MANY, f_sort, "Sort SEQ, stably, and return the sorted sequence."),
    SubrDef::new("value<", 2, 2, f_value_lt, "Return non-nil if A precedes B in standard value order."),
    // hash.rs
    SubrDef::new("make-hash-table", 0, MANY, f_make_hash_table, "Create and return a new hash table."),
    SubrDef::new("gethash", 2, 3, f_gethash, "Look up KEY in TABLE and return its associated value."),
    SubrDef::new("puthash", 3, 3, f_puthash, "Associate KEY with VALUE in hash table TABLE."),
    SubrDef::new("remhash", 2, 2, f_remhash, "Remove KEY from TABLE."),
    SubrDef::new("clrhash", 1, 1, f_clrhash, "Clear hash table TABLE and return it."),
    SubrDef::new("maphash", 2, 2, f_maphash, "Call FUNCTION for all entries in hash table TABLE."),
    SubrDef::new("copy-hash-table", 1, 1, f_copy_hash_table, "Return a copy of hash table TABLE."),
    SubrDef::new("hash-table-count", 1, 1, f_hash_table_count, "Return the number of elements in TABLE."),
    SubrDef::new("hash-table-test", 1, 1, f_hash_table_test, "Return the test TABLE uses."),
    SubrDef::new("hash-table-weakness", 1, 1, f_hash_table_weakness, "Return the weakness of TABLE."),
    SubrDef::new("hash-table-size", 1, 1, f_hash_table_size, "Return the current allocation size of TABLE."),
    SubrDef::new("hash-table-rehash-size", 1, 1, f_hash_table_rehash_size, "Return the rehash size of TABLE."),
    SubrDef::new("hash-table-rehash-threshold", 1, 1, f_hash_table_rehash_threshold, "Return the rehash threshold of TABLE."),
    SubrDef::new(
        "internal--hash-table-histogram",
        1,
        1,
        f_hash_table_histogram,
        "Bucket size histogram of HASH-TABLE.  Internal use only.",
    ),
    SubrDef::new(
        "internal--hash-table-buckets",
        1,
        1,
        f_hash_table_buckets,
        "(KEY . HASH) in HASH-TABLE, grouped by bucket.\nInternal use only.",
    ),
    SubrDef::new("internal--hash-table-index-size", 1, 1, f_hash_table_index_size, "Index size of HASH-TABLE.  Internal use only."),
    SubrDef::new("define-hash-table-test", 3, 3, f_define_hash_table_test, "Define a new hash table test with name NAME, a symbol."),
    SubrDef::new("sxhash-eq", 1, 1, f_sxhash_eq, "Return an integer hash code for OBJ suitable for `eq'."),
    SubrDef::new("sxhash-eql", 1, 1, f_sxhash_eql, "Return an integer hash code for OBJ suitable for `eql'."),
    SubrDef::new("sxhash-equal", 1, 1, f_sxhash_equal, "Return an integer hash code for OBJ suitable for `equal'."),
    SubrDef::new(
        "sxhash-equal-including-properties",
        1,
        1,
        f_sxhash_equal_including_properties,
        "Return an integer hash code for OBJ suitable for `equal-including-properties'.",
    ),
    // misc.rs
    SubrDef::new("eql", 2, 2, f_eql, "Return t if the two args are `eq' or are indistinguishable numbers."),
    SubrDef::new("equal", 2, 2, f_equal, "Return t if two Lisp objects have similar structure and contents."),
    SubrDef::new(
        "equal-including-properties",
        2,
        2,
        f_equal_including_properties,
        "Return t if two Lisp objects have similar structure and contents.",
    ),
    SubrDef::new("featurep", 1, 2, f_featurep, "Return t if FEATURE is present in this Emacs."),
    SubrDef::new("provide", 1, 2, f_provide, "Announce that FEATURE is a feature of the current Emacs."),
    SubrDef::new("require", 1, 3, f_require, "If FEATURE is not already loaded, load it from FILENAME."),
    SubrDef::new("random", 0, 1, f_random, "Return a pseudo-random integer."),
    SubrDef::new("load-average", 0, 1, f_load_average, "Return list of 1 minute, 5 minute and 15 minute load averages."),
    // codec.rs
    SubrDef::new("base64-encode-string", 1, 2, f_base64_encode_string, "Base64-encode STRING and return the result."),
    SubrDef::new("base64url-encode-string", 1, 2, f_base64url_encode_string, "Base64url-encode STRING and return the result."),
    SubrDef::new("base64-decode-string", 1, 3, f_base64_decode_string, "Base64-decode STRING and return the result as a string."),
    SubrDef::new("secure-hash-algorithms", 0, 0, f_secure_hash_algorithms, "Return a list of all the supported `secure-hash' algorithms."),
    SubrDef::new("secure-hash", 2, 5, f_secure_hash, "Return the secure hash of OBJECT, a buffer or string."),
    SubrDef::new("md5", 1, 5, f_md5, "Return MD5 message digest of OBJECT, a buffer or string."),
    // region.rs
    SubrDef::new("base64-encode-region", 2, 3, f_base64_encode_region, "Base64-encode the region between BEG and END."),
    SubrDef::new("base64url-encode-region", 2, 3, f_base64url_encode_region, "Base64url-encode the region between BEG and END."),
    SubrDef::new("base64-decode-region", 2, 4, f_base64_decode_region, "Base64-decode the region between BEG and END."),
    SubrDef::new("buffer-hash", 0, 1, f_buffer_hash, "Return a hash of the contents of BUFFER-OR-NAME."),
    SubrDef::new("buffer-line-statistics", 0, 1, f_buffer_line_statistics, "Return data about lines in BUFFER."),
    // system.rs
    SubrDef::new("locale-info", 1, 1, f_locale_info, "Access locale data ITEM for the current C locale, if available."),
    SubrDef::new("yes-or-no-p", 1, 1, f_yes_or_no_p, "Ask user a yes-or-no question."),
];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    defvar_lisp("overriding-plist-environment", Value::NIL);
    defvar_lisp("use-short-answers", Value::NIL);
    defvar_lisp("yes-or-no-prompt", make_string("(yes or no) "));
    // `features' is not special, so lexical code may bind its own.
    let features = defvar_lisp("features", list1(intern("emacs")));
    features.sym().special = false;
}

/// Helpers for the unit tests of the fns modules: runtime setup, a
/// `funcall` hook that calls subrs directly (the evaluator is not needed),
/// and access to the pending signal.
#[cfg(test)]
pub(crate) mod test_support {
    use crate::builtins::prelude::*;
    use crate::runtime::subr::call_subr;

    fn call_subrs_only(f: Value, args: &[Value]) -> LResult {
        let def = if f.is_symbol() { f.sym().function } else { f };
        match def.as_subr() {
            Some(d) => call_subr(d, f, args),
            None => Err(invalid_function(f)),
        }
    }

    pub fn setup() {
        crate::runtime::init_thread();
        crate::builtins::install();
        rt().hooks.funcall = call_subrs_only;
    }
    /// The pending signal as (ERROR-SYMBOL, DATA items).
    pub fn err() -> (Value, Vec<Value>) {
        let p = crate::runtime::error::pending();
        (p.a, list_to_vec(p.b))
    }
    pub fn n(i: i64) -> Value {
        Value::fixnum(i)
    }
    pub fn s(x: &str) -> Value {
        make_string(x)
    }
    pub fn sy(x: &str) -> Value {
        intern(x)
    }
    pub fn l(items: &[Value]) -> Value {
        list(items)
    }
    pub fn ints(v: Value) -> Vec<i64> {
        v.iter().map(|x| x.as_fixnum().unwrap_or(i64::MIN)).collect()
    }
    /// Calls the subr named NAME.
    pub fn call(name: &str, args: &[Value]) -> LResult {
        call_subrs_only(intern(name), args)
    }
    pub fn text(v: Value) -> String {
        v.string_ref().to_string_lossy()
    }
}
