;;; unicode-properties.el --- uniprop char-tables (chartab.c)  -*- lexical-binding: t -*-
;; `unicode-property-table-internal', `get-unicode-property-internal',
;; `put-unicode-property-internal', `char-code-property-alist', and what
;; `aref', `char-table-range', `set-char-table-range' and `map-char-table'
;; do on Unicode property tables (compressed 128-character blocks are
;; uncompressed by the accesses that go through them; the printed table
;; shows which).  The tables are the fixtures in
;; tests/compat/fixtures/international/ (written by
;; tests/oracle/uniprop-fixtures.el in the format of Emacs's uni-*.el
;; files), found as "international/FILE" on `load-path'.  Only properties
;; named uptest-* are used, so the real entries GNU Emacs has in
;; `char-code-property-alist' do not matter.

(progn (setq load-path (cons (concat default-directory "tests/compat/fixtures") load-path)) t)
(progn (put 'char-code-property-table 'char-table-extra-slots 5) t)
(defun uptest-define (name table &optional _doc)
  (let ((cell (assq name char-code-property-alist)))
    (if cell
        (setcdr cell table)
      (setq char-code-property-alist (cons (cons name table) char-code-property-alist))))
  name)
(defun uptest-strings (table)
  "How many strings the printed TABLE holds (its compressed blocks)."
  (let ((s (prin1-to-string table)) (n 0) (i 0))
    (while (string-match "\"\\(?:[^\"\\]\\|\\\\.\\)*\"" s i)
      (setq n (1+ n) i (match-end 0)))
    n))
(defun uptest-map (table)
  (let (r)
    (map-char-table (lambda (k v) (push (list (if (consp k) (cons (car k) (cdr k)) k) v) r)) table)
    (nreverse r)))
(defun uptest-get (table chars)
  (mapcar (lambda (c) (get-unicode-property-internal table c)) chars))

;;; The variable
(boundp 'char-code-property-alist)
(special-variable-p 'char-code-property-alist)
(listp char-code-property-alist)

;;; unicode-property-table-internal
(unicode-property-table-internal 'uptest-none)
(unicode-property-table-internal "uptest-cat")
(progn (uptest-define 'uptest-cat "uptest-cat.el") (char-table-p (unicode-property-table-internal 'uptest-cat)))
(eq (unicode-property-table-internal 'uptest-cat) (cdr (assq 'uptest-cat char-code-property-alist)))
(progn (setq uc (unicode-property-table-internal 'uptest-cat)) (char-table-subtype uc))
(mapcar (lambda (i) (char-table-extra-slot uc i)) '(0 1 2 4))
(byte-code-function-p (char-table-extra-slot uc 3))
(funcall (char-table-extra-slot uc 3) 'Lu)
(char-table-range uc nil)
(char-table-parent uc)
(progn (uptest-define 'uptest-missing "uptest-missing.el") (unicode-property-table-internal 'uptest-missing))
(progn (uptest-define 'uptest-nodef "uptest-nodef.el") (list (unicode-property-table-internal 'uptest-nodef) uptest-nodef-loads))
(list (unicode-property-table-internal 'uptest-nodef) uptest-nodef-loads)
(progn (uptest-define 'uptest-err "uptest-error.el") (condition-case e (unicode-property-table-internal 'uptest-err) (error e)))
(progn (uptest-define 'uptest-plain "uptest-plain.el") (let ((tb (unicode-property-table-internal 'uptest-plain))) (list (char-table-subtype tb) (aref tb ?a))))
(progn (dolist (p '(uptest-num uptest-case uptest-words)) (uptest-define p "uptest-props.el")) (char-table-p (unicode-property-table-internal 'uptest-num)))
(list (char-table-p (cdr (assq 'uptest-case char-code-property-alist))) (char-table-p (cdr (assq 'uptest-words char-code-property-alist))))
(progn (setq un (unicode-property-table-internal 'uptest-num) ucase (unicode-property-table-internal 'uptest-case) uw (unicode-property-table-internal 'uptest-words)) (mapcar #'char-table-p (list un ucase uw)))
(mapcar (lambda (i) (char-table-extra-slot ucase i)) '(0 1 2 3 4))
(progn (uptest-define 'uptest-baddec "uptest-baddec.el") (setq ub (unicode-property-table-internal 'uptest-baddec)) (list (char-table-p ub) (char-table-extra-slot ub 1)))
(let ((char-code-property-alist (list (cons 'p (make-char-table 'foo 3))))) (let ((tb (unicode-property-table-internal 'p))) (list (char-table-subtype tb) (aref tb ?x))))
(let ((char-code-property-alist '((p . [1 2])))) (unicode-property-table-internal 'p))
(let ((char-code-property-alist '((p . 5)))) (unicode-property-table-internal 'p))
(let ((char-code-property-alist '(p (q . 1) (p . 2)))) (unicode-property-table-internal 'p))
(let ((char-code-property-alist '((p . 1) . 2))) (condition-case e (unicode-property-table-internal 'q) (error e)))
(let ((char-code-property-alist '((p . 1) . 2))) (unicode-property-table-internal 'p))
(let ((char-code-property-alist 7)) (condition-case e (unicode-property-table-internal 'q) (error e)))
(let ((char-code-property-alist (list (cons 'p uc)))) (eq (unicode-property-table-internal 'p) uc))
(condition-case e (unicode-property-table-internal) (error e))
(progn (string-match "b+" "abbbc") (uptest-define 'uptest-small "uptest-small.el") (unicode-property-table-internal 'uptest-small) (match-data))

;;; get-unicode-property-internal: ASCII, compressed and plain blocks
(uptest-get uc '(0 31 32 33 47 48 57 58 65 90 97 122 126 127))
(uptest-get uc '(#x80 #x9f #xa0 #xa1 #xbf #xc0 #xd6 #xd7 #xd8 #xde #xdf #xf6 #xf7 #xf8 #xff))
(uptest-get uc (number-sequence #x100 #x10f))
(uptest-get uc (number-sequence #x18e #x1a0))
(uptest-get uc '(#x200 #x27e #x27f #x280 #x2e3 #x2e4 #x2ff #x300 #x36f #x370 #x37f #x380))
(uptest-get uc '(#x2fff #x3000 #x3001 #x3003 #x3004 #x307f #x3080 #x30ff #x3100))
(uptest-get uc '(#x4dff #x4e00 #x4fff #x5000 #x9fff #xa000))
(uptest-get uc '(#x1ffff #x20000 #x2abcd #x2ffff #x30000))
(uptest-get uc '(#x1f5ff #x1f600 #x1f64f #x1f650 #x1f67f #x1f680))
(uptest-get uc '(#x10ffff #x110000 #x3fff7f #x3fff80 #x3fffff))
(list (aref uc ?A) (aref uc #x100) (aref uc #x101) (aref uc #x190) (aref uc #x193) (aref uc #x5000))
(list (char-table-range uc #x80) (char-table-range uc #x1f600) (char-table-range uc '(#x101 . #x101)))
(list (aref ub #x100) (aref ub #x140) (aref ub #x180) (get-unicode-property-internal ub #x100) (get-unicode-property-internal ub ?a))
(uptest-get un '(?0 ?5 ?9 ?a #x5ff #x660 #x665 #x669 #x66a #x67f #x2150 #x2160 #x2168 #x2169 #x2170))
(uptest-get ucase '(?a ?m ?z ?A ?1 #xe0 #xf6 #xf7 #xfe #xff #x100 #x101 #x102 #x103 #x114 #x115 #x3b1 #x3c9 #x3ca))
(list (aref uw ?a) (aref uw #x100) (aref uw #x17f) (get-unicode-property-internal uw #x100))
(mapcar (lambda (c) (funcall (char-table-extra-slot uw 1) c (aref uw c) uw)) '(0 1 2 3 4 5 79 80 #x100 #x101 #x104 #x108 #x109 #x180))
(let ((tb (make-char-table 'char-code-property-table))) (set-char-table-extra-slot tb 1 0) (set-char-table-extra-slot tb 4 [zero one two]) (list (get-unicode-property-internal tb ?a) (get-unicode-property-internal tb #x5000)))
(let ((tb (make-char-table 'char-code-property-table))) (set-char-table-extra-slot tb 1 0) (set-char-table-extra-slot tb 4 [zero one two]) (dolist (x '((?a . 2) (?b . 3) (?c . -1) (?d . foo) (?e . "s") (?f . 1.0))) (aset tb (car x) (cdr x))) (uptest-get tb '(?a ?b ?c ?d ?e ?f)))
(let ((tb (make-char-table 'char-code-property-table))) (set-char-table-extra-slot tb 1 0) (set-char-table-extra-slot tb 4 '(zero one)) (aset tb ?a 1) (uptest-get tb '(?a ?b)))
(let ((tb (make-char-table 'char-code-property-table 4))) (set-char-table-extra-slot tb 1 1) (set-char-table-extra-slot tb 4 [a b c d e]) (get-unicode-property-internal tb ?a))

;;; get-unicode-property-internal: errors
(condition-case e (get-unicode-property-internal uc -1) (error e))
(condition-case e (get-unicode-property-internal uc #x400000) (error e))
(condition-case e (get-unicode-property-internal uc "a") (error e))
(condition-case e (get-unicode-property-internal uc nil) (error e))
(condition-case e (get-unicode-property-internal 'x ?a) (error e))
(condition-case e (get-unicode-property-internal 'x 'y) (error e))
(condition-case e (get-unicode-property-internal [1 2] ?a) (error e))
(condition-case e (get-unicode-property-internal (make-char-table 'foo) ?a) (error e))
(condition-case e (get-unicode-property-internal (make-char-table 'foo) 'x) (error e))
(condition-case e (get-unicode-property-internal (unicode-property-table-internal 'uptest-plain) ?a) (error e))
(condition-case e (get-unicode-property-internal (car (read-from-string (concat "#^[nil nil char-code-property-table nil " (mapconcat #'identity (make-list 64 "nil") " ") " a b]"))) ?a) (error e))
(condition-case e (get-unicode-property-internal uc) (error (car e)))

;;; Compressed blocks are uncompressed by the accesses that go through them
(progn (setq us (unicode-property-table-internal 'uptest-small)) (uptest-strings us))
us
(uptest-get us '(?a #xff #x100 #x13b #x13c #x177 #x178 #x17f))
us
(list (aref us #x1f7) (aref us #x1f8) (aref us #x1fa) (aref us #x1fb) (aref us #x1fc) (uptest-strings us))
us
(progn (uptest-define 'uptest-small "uptest-small.el") (setq us (unicode-property-table-internal 'uptest-small)) (list (aref us ?a) (aref us #x7f) (char-table-range us ?b) (uptest-strings us)))
(list (char-table-range us '(#x17f . #x17f)) (uptest-strings us))
us
(progn (uptest-define 'uptest-small "uptest-small.el") (setq us (unicode-property-table-internal 'uptest-small)) (list (char-table-range us '(#x100 . #x17f)) (uptest-strings us)))
(progn (uptest-define 'uptest-small "uptest-small.el") (setq us (unicode-property-table-internal 'uptest-small)) (list (char-table-range us '(#xff . #x100)) (uptest-strings us)))
(progn (uptest-define 'uptest-small "uptest-small.el") (setq us (unicode-property-table-internal 'uptest-small)) (list (char-table-range us '(#x180 . #x100)) (uptest-strings us)))
(list (uptest-strings uc) (char-table-range uc '(#x200 . #x280)) (uptest-strings uc))
(list (char-table-range uc '(#x280 . #x2e3)) (uptest-strings uc))
(list (char-table-range uc '(#x2e4 . #x10ffff)) (uptest-strings uc))
(list (char-table-range uc '(#x3004 . #x30ff)) (uptest-strings uc))
(list (char-table-range uc '(#x3003 . #x30ff)) (uptest-strings uc))
(list (char-table-range uc '(#x1f5ff . #x1f600)) (uptest-strings uc))
(list (char-table-range uc '(#x1f600 . #x1f600)) (char-table-range uc '(#x1f650 . #x1f650)) (uptest-strings uc))
(condition-case e (char-table-range uc '(#x100 . x)) (error e))
(condition-case e (char-table-range uc '(x . #x100)) (error e))

;;; map-char-table gives decoded values and uncompresses everything
(progn (uptest-define 'uptest-small "uptest-small.el") (setq us (unicode-property-table-internal 'uptest-small)) (uptest-map us))
(uptest-strings us)
us
(uptest-map uc)
(uptest-strings uc)
(uptest-map un)
(uptest-map ub)
(let (r) (map-char-table (lambda (k v) (when (< (if (consp k) (car k) k) #x200) (push (list (if (consp k) (cons (car k) (cdr k)) k) v) r))) ucase) (nreverse r))
(let (r) (map-char-table (lambda (k v) (push (if (consp k) (cons (car k) (cdr k)) k) r)) uw) (nreverse r))
(let ((tb (make-char-table 'char-code-property-table))) (set-char-table-extra-slot tb 1 0) (set-char-table-extra-slot tb 4 [zero one two]) (set-char-table-range tb '(#x100 . #x17f) (string 2 1 (+ 128 100) 2 (+ 128 28))) (set-char-table-parent tb us) (list (uptest-map tb) (uptest-strings tb)))

;;; put-unicode-property-internal
(list (put-unicode-property-internal uc #x101 'Lu) (get-unicode-property-internal uc #x101) (aref uc #x101))
(condition-case e (put-unicode-property-internal uc #x101 'Xx) (error e))
(list (put-unicode-property-internal uc ?a 'Nd) (get-unicode-property-internal uc ?a) (aref uc ?a) (char-table-range uc ?a))
(list (put-unicode-property-internal uc #x102 nil) (aref uc #x102) (get-unicode-property-internal uc #x102))
(list (put-unicode-property-internal uc #x10000 'Lo) (get-unicode-property-internal uc #x10000) (get-unicode-property-internal uc #x10001))
(list (put-unicode-property-internal uc #x3fffff 'Sm) (get-unicode-property-internal uc #x3fffff) (aref uc #x3fffff))
(condition-case e (put-unicode-property-internal uc nil 'Lu) (error e))
(condition-case e (put-unicode-property-internal uc #x400000 'Lu) (error e))
(condition-case e (put-unicode-property-internal 1 ?a 'Lu) (error e))
(condition-case e (put-unicode-property-internal (make-char-table 'foo) ?a 1) (error e))
(condition-case e (put-unicode-property-internal (make-char-table 'foo) -5 1) (error e))
(list (put-unicode-property-internal un #x660 5) (aref un #x660) (get-unicode-property-internal un #x660))
(list (put-unicode-property-internal un #x661 100) (aref un #x661) (get-unicode-property-internal un #x661) (char-table-extra-slot un 4))
(list (put-unicode-property-internal un #x662 100) (aref un #x662) (char-table-extra-slot un 4))
(condition-case e (put-unicode-property-internal un #x662 'x) (error e))
(condition-case e (put-unicode-property-internal un #x662 1.5) (error e))
(condition-case e (put-unicode-property-internal un #x662 nil) (error e))
(list (put-unicode-property-internal ucase ?b ?X) (aref ucase ?b) (put-unicode-property-internal ucase ?c nil) (aref ucase ?c))
(list (put-unicode-property-internal ucase #x101 #x1e9e) (aref ucase #x101) (aref ucase #x103))
(condition-case e (put-unicode-property-internal ucase ?b 'x) (error e))
(condition-case e (put-unicode-property-internal ucase ?b -1) (error e))
(condition-case e (put-unicode-property-internal ucase ?b #x400000) (error e))
(condition-case e (put-unicode-property-internal ucase ?b "B") (error e))
(list (put-unicode-property-internal uw ?a "zz") (aref uw ?a) (aref uw ?b))
(list (put-unicode-property-internal ub #x100 'q) (aref ub #x100) (aref ub #x101))
(progn (uptest-define 'uptest-small "uptest-small.el") (setq us (unicode-property-table-internal 'uptest-small)) (list (put-unicode-property-internal us #x1fe 'z) (uptest-strings us)))
us
(progn (put-unicode-property-internal us ?a 'y) us)

;;; aset and set-char-table-range on compressed blocks
(progn (uptest-define 'uptest-small "uptest-small.el") (setq us (unicode-property-table-internal 'uptest-small)) (aset us #x140 7) (list (aref us #x13f) (aref us #x140) (uptest-strings us)))
(progn (uptest-define 'uptest-small "uptest-small.el") (setq us (unicode-property-table-internal 'uptest-small)) (set-char-table-range us '(#x110 . #x11f) 7) (list (aref us #x10f) (aref us #x110) (aref us #x120) (uptest-strings us)))
(progn (uptest-define 'uptest-small "uptest-small.el") (setq us (unicode-property-table-internal 'uptest-small)) (set-char-table-range us '(#x100 . #x17f) 7) (list (aref us #x100) (uptest-strings us)))
(progn (uptest-define 'uptest-small "uptest-small.el") (setq us (unicode-property-table-internal 'uptest-small)) (set-char-table-range us '(#x170 . #x1bf) 7) (list (aref us #x16f) (aref us #x1c0) (aref us #x1f8) (uptest-strings us)))
us
(progn (uptest-define 'uptest-small "uptest-small.el") (setq us (unicode-property-table-internal 'uptest-small)) (set-char-table-range us '(#x130 . #x120) 7) (list (aref us #x120) (uptest-strings us)))
(progn (uptest-define 'uptest-small "uptest-small.el") (setq us (unicode-property-table-internal 'uptest-small)) (set-char-table-range us '(0 . #x1ff) 7) (list (aref us 0) (aref us #x1ff) (uptest-strings us)))
(progn (uptest-define 'uptest-small "uptest-small.el") (setq us (unicode-property-table-internal 'uptest-small)) (set-char-table-range us t 2) us)
(progn (uptest-define 'uptest-small "uptest-small.el") (setq us (unicode-property-table-internal 'uptest-small)) (set-char-table-range us nil 3) (list (char-table-range us nil) (aref us #x200) (get-unicode-property-internal us #x200) (uptest-strings us)))
(let ((tb (make-char-table 'char-code-property-table))) (set-char-table-range tb '(0 . 127) (string 2 1 (+ 128 100) 2 (+ 128 28))) (list (aref tb 0) (aref tb 120) tb))
(let ((tb (make-char-table 'char-code-property-table))) (set-char-table-range tb '(#x1000 . #x10ff) (string 2 1 (+ 128 100) 2 (+ 128 28))) (list (aref tb #x1000) (aref tb #x10ff) (uptest-strings tb)))
(let ((tb (make-char-table 'char-code-property-table))) (set-char-table-range tb '(#x1000 . #x10ff) (string 2 1 (+ 128 100) 2 (+ 128 28))) (set-char-table-range tb '(#x1010 . #x1090) 0) (list (aref tb #x1000) (aref tb #x1011) (aref tb #x1080) (aref tb #x1091) (uptest-strings tb)))
(let ((tb (make-char-table 'foo))) (set-char-table-range tb '(#x100 . #x17f) (string 2 1 (+ 128 100) 2 (+ 128 28))) (list (aref tb #x100) (map-char-table #'ignore tb) (uptest-strings tb)))
(let ((tb (make-char-table 'char-code-property-table))) (set-char-table-range tb '(#x100 . #x17f) (string 3 1 2)) (list (aref tb #x100) (uptest-strings tb)))
(let ((tb (make-char-table 'char-code-property-table))) (set-char-table-range tb '(#x100 . #x17f) "") (list (aref tb #x100) (uptest-strings tb)))
(let ((tb (make-char-table 'char-code-property-table))) (set-char-table-range tb '(#x100 . #x17f) (string 1)) (list (aref tb #x100) (aref tb #x17f) (uptest-strings tb)))
(let ((tb (make-char-table 'char-code-property-table))) (set-char-table-range tb '(#x100 . #x17f) (string 1 126 5 6 7 8)) (list (aref tb #x17d) (aref tb #x17e) (aref tb #x17f)))
(let ((tb (make-char-table 'char-code-property-table))) (set-char-table-range tb '(#x100 . #x17f) (string 2 1 (+ 128 127))) (list (aref tb #x17e) (aref tb #x17f)))
(let ((tb (make-char-table 'char-code-property-table))) (set-char-table-range tb '(#x100 . #x17f) (string 2 #x3042 (+ 128 3) 9)) (list (aref tb #x100) (aref tb #x101) (aref tb #x102) (aref tb #x105) (aref tb #x106)))

;;; Copies, equality, optimize-char-table
(progn (uptest-define 'uptest-small "uptest-small.el") (setq us (unicode-property-table-internal 'uptest-small)) (let ((c (copy-sequence us))) (list (equal c us) (uptest-strings c) (aref c #x100) (uptest-strings c) (uptest-strings us))))
(progn (optimize-char-table us) (list (uptest-strings us) (aref us #x101)))
