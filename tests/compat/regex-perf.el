;; -*- lexical-binding: t -*-
;; Buffer searches along the paths the search speed-ups use: text read
;; through windows (long buffers, matches crossing the gap and window
;; edges), cached case and syntax tables (and changes to them between
;; searches), fastmap start tables, Boyer-Moore-Horspool literal search,
;; forward and backward, with bounds and counts, in multibyte and unibyte
;; buffers.  Expectations from GNU Emacs 30.1.
(defun rp--md () (let ((md (match-data t))) (if (bufferp (car (last md))) (butlast md) md)))
(defun rp--all (fn pat &optional backward limit)
  (goto-char (if backward (point-max) (point-min)))
  (let ((out nil) (n 0))
    (while (and (< n (or limit 1000)) (funcall fn pat nil t))
      (setq n (1+ n))
      (push (list (match-beginning 0) (match-end 0)) out)
      (when (= (match-beginning 0) (match-end 0))
        (if backward
            (if (bobp) (setq n (or limit 1000)) (backward-char))
          (if (eobp) (setq n (or limit 1000)) (forward-char)))))
    (nreverse out)))
(defun rp--count (fn pat &optional backward)
  (goto-char (if backward (point-max) (point-min)))
  (let ((n 0) (first nil))
    (while (funcall fn pat nil t)
      (setq n (1+ n))
      (unless first (setq first (rp--md))))
    (list n first (rp--md) (point))))
(defun rp--lines (n)
  (let ((i 0))
    (while (< i n)
      (insert (format "line %d: the Quick brown fox jumps over the lazy dog; abcabc %d élan ÉLAN\n" i (* i 7)))
      (setq i (1+ i)))))

;; Case-folded searches of non-ASCII text.
(with-temp-buffer (insert "Élan élan ÉLAN Straße STRASSE Ωμέγα ωΜΈΓΑ Жук жук ЖУК") (list (rp--all 're-search-forward "élan") (rp--all 'search-forward "élan") (rp--all 'search-backward "ÉLAN" t) (rp--all 're-search-backward "жук" t) (rp--all 're-search-forward "ωμέγα") (rp--all 'search-forward "ΩΜΈΓΑ") (rp--all 're-search-forward "straße")))
(with-temp-buffer (insert "Élan élan ÉLAN Жук жук ЖУК") (let ((case-fold-search nil)) (list (rp--all 're-search-forward "élan") (rp--all 'search-forward "ÉLAN") (rp--all 'search-backward "Жук" t) (rp--all 're-search-backward "ж" t))))
(with-temp-buffer (insert "àÀáÁâÂãÃäÄåÅæÆçÇ ÿŸ µΜ ß ÞþÐð") (list (rp--all 're-search-forward "[à-æ]+") (let ((case-fold-search nil)) (rp--all 're-search-forward "[à-æ]+")) (rp--all 're-search-forward "[[:upper:]]+") (let ((case-fold-search nil)) (rp--all 're-search-forward "[[:upper:]]+")) (rp--all 're-search-forward "[[:lower:]]+") (rp--all 're-search-forward "ÿ") (rp--all 'search-forward "Ÿ") (rp--all 're-search-forward "µ") (rp--all 'search-backward "Þ" t) (rp--all 're-search-backward "[ð-þ]" t)))
(with-temp-buffer (insert "ÀBC àbc ÀbC abc ABC") (list (rp--all 're-search-forward "àbc") (rp--all 're-search-forward "\\(àb\\)c") (rp--all 're-search-forward "[àa]bc") (rp--all 'search-forward "ÀBC") (rp--all 'search-backward "àbc" t) (rp--all 're-search-forward "\\(à\\)b.\\|\\(a\\)bc")))
(with-temp-buffer (insert "Ärger ärger ÄRGER öl Öl ÖL über ÜBER") (list (rp--all 're-search-forward "\\bä\\w+") (rp--all 're-search-forward "\\<[öü]") (rp--all 're-search-forward "\\(ö\\)l\\|\\(Ü\\)ber") (rp--all 're-search-forward "\\(ärger\\) \\1")))
(with-temp-buffer (insert "abcABCabc xyzXYZ") (list (rp--all 're-search-forward "\\(abc\\)\\1") (rp--all 're-search-forward "\\(xyz\\)\\1") (let ((case-fold-search nil)) (rp--all 're-search-forward "\\(abc\\)\\1"))))

;; Fastmaps with character classes, syntax and categories.
(with-temp-buffer (insert "foo  Bar-baz 123 _qux_ élan, Ωμέγα; x9 ∀y\t\n(end)") (list (rp--all 're-search-forward "[[:alpha:]]+") (rp--all 're-search-forward "[[:digit:]]+") (rp--all 're-search-forward "[[:space:]]+") (rp--all 're-search-forward "\\w+") (rp--all 're-search-forward "\\sw+") (rp--all 're-search-forward "\\s-+") (rp--all 're-search-forward "\\s.") (rp--all 're-search-forward "[^[:alnum:] ]+") (rp--all 're-search-forward "\\_<[a-z_]+\\_>") (rp--all 're-search-forward "[[:punct:]]") (rp--all 're-search-forward "\\cg+") (rp--all 're-search-forward "[[:upper:]][[:lower:]]+") (rp--all 're-search-forward "[^a-z]")))
(with-temp-buffer (insert "foo  Bar-baz 123 _qux_ élan, Ωμέγα; x9 ∀y\t\n(end)") (list (rp--all 're-search-backward "[[:alpha:]]+" t) (rp--all 're-search-backward "\\W+" t) (rp--all 're-search-backward "[[:nonascii:]]" t) (rp--all 're-search-backward "\\b" t 60) (rp--all 're-search-backward "\\s(\\|\\s)" t)))
(with-temp-buffer (insert "a1b22c333 d4444") (list (rp--all 're-search-forward "[0-9]+") (rp--all 're-search-forward "[a-c][0-9]") (rp--all 're-search-forward "[0-9]*") (rp--all 're-search-forward "x*") (rp--all 're-search-forward "[0-9]?[a-d]") (rp--all 're-search-backward "[0-9]+" t) (rp--all 're-search-forward "^\\|3$")))

;; Literal searches (Boyer-Moore-Horspool shifts).
(with-temp-buffer (insert "aaaab abababab aab abcabcabd ABAB xaax") (list (rp--all 'search-forward "aab") (rp--all 'search-forward "abab") (rp--all 'search-backward "abab" t) (rp--all 'search-forward "abcabd") (rp--all 'search-backward "aa" t) (rp--all 'search-forward "b") (rp--all 'search-forward "xaax") (rp--all 'search-backward "xaax" t) (rp--all 're-search-forward "aab") (rp--all 're-search-forward "a\\.b") (let ((case-fold-search nil)) (rp--all 'search-forward "ABAB"))))
(with-temp-buffer (insert "ĀāĀ ā Ā.ā ĀĀĀ ꜰꜰ 𝒜𝒜 😀a😀") (list (rp--all 'search-forward "ā") (rp--all 'search-forward "āā") (rp--all 'search-backward "ĀĀ" t) (rp--all 'search-forward "😀a") (rp--all 're-search-forward "😀") (rp--all 're-search-forward "𝒜+") (rp--all 'search-forward "Ā.") (rp--all 're-search-forward "Ā.")))

;; Bounds and counts.  A count that is not reached leaves the match data
;; of the last occurrence found when Emacs searches a literal with
;; Boyer-Moore, and unchanged when it scans ("k" has a non-ASCII case
;; equivalent, the Kelvin sign).
(with-temp-buffer (insert "one two three two one two") (list (progn (goto-char 1) (list (re-search-forward "t\\w+" nil t 2) (point) (rp--md))) (progn (goto-char 1) (list (search-forward "two" 14 t 2) (point) (rp--md))) (progn (goto-char 1) (list (search-forward "two" 13 t 2) (point))) (progn (goto-char 1) (list (search-forward "two" 13 'move 2) (point))) (progn (goto-char (point-max)) (list (re-search-backward "o\\(n\\|w\\)" 10 t 2) (point) (rp--md))) (progn (goto-char (point-max)) (list (search-backward "one" 2 t) (point))) (progn (goto-char 5) (list (re-search-forward "two" nil t -1) (point) (rp--md))) (progn (goto-char 5) (list (search-forward "one" nil t -1) (point) (rp--md))) (progn (goto-char 1) (list (re-search-forward "o" nil t 5) (point))) (progn (goto-char 1) (condition-case e (re-search-forward "o" nil nil 9) (error e))) (progn (goto-char 1) (list (re-search-forward "e" 18 1 9) (point)))))
(with-temp-buffer (insert "kK k ok KELVIN k") (list (progn (set-match-data nil) (goto-char 1) (list (search-forward "k" nil t 9) (point) (rp--md))) (progn (set-match-data nil) (goto-char 1) (list (search-forward "o" nil t 2) (point) (rp--md))) (progn (set-match-data nil) (goto-char 1) (list (search-forward "e" nil t 3) (point) (rp--md))) (progn (set-match-data nil) (goto-char (point-max)) (list (search-backward "k" nil t 9) (point) (rp--md))) (progn (set-match-data nil) (goto-char (point-max)) (list (search-backward "L" nil t 3) (point) (rp--md))) (let ((case-fold-search nil)) (set-match-data nil) (goto-char 1) (list (search-forward "k" nil t 9) (point) (rp--md))) (progn (set-match-data nil) (goto-char 1) (list (re-search-forward "ok" nil t 2) (point) (rp--md)))))
(with-temp-buffer (insert "éÉ ĳĲ ǅǄǆ ſs ßẞ") (list (progn (set-match-data nil) (goto-char 1) (list (search-forward "é" nil t 3) (rp--md))) (progn (set-match-data nil) (goto-char 1) (list (search-forward "ĳ" nil t 3) (rp--md))) (progn (set-match-data nil) (goto-char 1) (list (search-forward "ǆ" nil t 9) (rp--md))) (progn (set-match-data nil) (goto-char 1) (list (search-forward "s" nil t 9) (rp--md))) (progn (set-match-data nil) (goto-char 1) (list (search-forward "ß" nil t 9) (rp--md)))))
(with-temp-buffer (set-buffer-multibyte nil) (insert "abABÉé") (list (progn (set-match-data nil) (goto-char 1) (list (search-forward "a" nil t 5) (rp--md))) (progn (set-match-data nil) (goto-char 1) (list (search-forward "é" nil t 5) (rp--md)))))
(with-temp-buffer (insert "xxéxxÉxxéxx") (list (progn (goto-char 1) (list (search-forward "é" 4 t) (point))) (progn (goto-char 1) (list (search-forward "é" 3 t) (point))) (progn (goto-char 1) (list (re-search-forward "É" nil t 3) (point) (rp--md))) (progn (goto-char 12) (list (re-search-backward "é" 7 t) (point))) (progn (goto-char 12) (list (search-backward "xÉ" 5 t 2) (point)))))

;; Narrowing: searches see only the accessible portion.
(with-temp-buffer (insert "abc abc abc abc") (narrow-to-region 5 12) (list (rp--all 're-search-forward "abc") (rp--all 'search-forward "abc") (rp--all 're-search-backward "\\babc" t) (rp--all 're-search-forward "^abc\\|abc$") (progn (goto-char 5) (looking-at "abc")) (progn (goto-char 9) (list (looking-at "abc abc") (looking-at "abc"))) (rp--all 're-search-forward "\\`abc") (rp--all 're-search-backward "abc\\'" t)))

;; Matches crossing the gap (the gap sits after the last insertion).
(with-temp-buffer (insert (make-string 200 ?x)) (goto-char 101) (insert "NEEDLEneedle") (list (gap-position) (rp--all 're-search-forward "x\\{3\\}needle") (rp--all 'search-forward "xneedleneedlex") (rp--all 'search-backward "LEne" t) (rp--all 're-search-backward "e\\{2\\}dlex+" t) (progn (goto-char 105) (looking-at "LEne.*x$")) (progn (goto-char 1) (re-search-forward "x+" nil t 2))))
(with-temp-buffer (insert (make-string 100 ?a)) (goto-char 50) (insert "éÉ") (goto-char 20) (insert "ÿ") (list (gap-position) (rp--all 're-search-forward "aéé") (rp--all 'search-forward "ÿa") (rp--all 'search-backward "aÿ" t) (rp--all 're-search-forward "[éÿ]+")))

;; Long buffers: the text window moves and grows.
(with-temp-buffer (rp--lines 3000) (list (buffer-size) (rp--count 're-search-forward "[0-9]+:") (rp--count 're-search-forward "lazy dog") (rp--count 'search-forward "LAZY DOG") (rp--count 're-search-forward "\\(abc\\)\\1") (rp--count 're-search-forward "élan élan") (rp--count 're-search-backward "[0-9]+:" t) (rp--count 'search-backward "quick" t) (rp--count 're-search-backward "\\(abc\\)\\1" t) (rp--count 're-search-forward "^line 2[0-9]*:") (rp--count 're-search-forward "[0-9]$")))
(with-temp-buffer (rp--lines 2000) (goto-char 50000) (insert "MARKER") (list (gap-position) (rp--count 're-search-forward "MARKER") (rp--count 'search-backward "marker" t) (rp--count 're-search-forward "3 élan ÉLAN\nline") (progn (goto-char (point-max)) (list (re-search-backward "line 1[0-9][0-9]:" nil t 100) (point)))))
(with-temp-buffer (insert (make-string 100000 ?a) "b" (make-string 50 ?a)) (list (progn (goto-char 1) (list (re-search-forward "a*b" nil t) (rp--md))) (progn (goto-char 1) (list (re-search-forward ".*" nil t) (point))) (progn (goto-char (point-max)) (list (re-search-backward "^.*b" nil t) (rp--md))) (progn (goto-char (point-max)) (list (search-backward "aab" nil t) (point))) (progn (goto-char 1) (list (search-forward "ba" nil t) (point))) (progn (goto-char (point-max)) (list (re-search-backward "ba+" nil t) (rp--md)))))
(with-temp-buffer (dotimes (_ 30) (insert (make-string 300 ?a) "b\n")) (list (rp--count 're-search-backward "a+b" t) (rp--count 're-search-forward "a+b") (progn (goto-char (point-max)) (list (re-search-backward "\\(a+\\)b" nil t 3) (rp--md)))))
(with-temp-buffer (dotimes (i 3000) (insert (if (= (% i 7) 0) "Ωμέγα " "ωμεγα ") (number-to-string i) "\n")) (list (buffer-size) (rp--count 're-search-forward "ΩΜΈΓΑ [0-9]+") (rp--count 'search-forward "ωμέγα 7") (rp--count 're-search-backward "^ω" t) (rp--count 'search-backward "Ωμέγα 29" t)))

;; Unibyte buffers and raw bytes.
(with-temp-buffer (set-buffer-multibyte nil) (insert "ABC\351\311abc \200\377 xyz") (list (rp--all 're-search-forward "abc") (rp--all 'search-forward "abc") (rp--all 're-search-forward "[\300-\377]+") (rp--all 'search-forward "\351") (rp--all 'search-forward "\311") (rp--all 're-search-forward "\311") (rp--all 're-search-backward "[[:nonascii:]]" t) (rp--all 're-search-forward "\\w+") (let ((case-fold-search nil)) (rp--all 'search-forward "ABC")) (rp--all 're-search-backward "\377\\|\200" t) (rp--all 'search-backward "\200\377" t)))
(with-temp-buffer (insert "a" (string-to-multibyte "\351\377") "b é") (list (rp--all 're-search-forward (string-to-multibyte "\351")) (rp--all 'search-forward (string-to-multibyte "\377b")) (rp--all 're-search-forward "[[:nonascii:]]") (rp--all 're-search-forward "[^a-z ]") (rp--all 'search-backward "É" t)))

;; Changing the syntax and case tables between searches.
(with-temp-buffer (insert "foo-bar baz_qux") (let ((st (make-syntax-table))) (set-syntax-table st) (list (progn (goto-char 1) (re-search-forward "\\w+") (match-string 0)) (progn (modify-syntax-entry ?- "w" st) (goto-char 1) (re-search-forward "\\w+") (match-string 0)) (progn (modify-syntax-entry ?_ "w" st) (goto-char 9) (re-search-forward "\\w+") (match-string 0)) (progn (modify-syntax-entry ?- "." st) (goto-char 1) (re-search-forward "\\s.") (point)) (progn (set-char-table-parent st nil) (goto-char 1) (list (re-search-forward "\\s-" nil t) (point))) (progn (set-syntax-table (standard-syntax-table)) (goto-char 1) (re-search-forward "\\w+") (match-string 0)))))
(with-temp-buffer (insert "x:y é:ü") (let ((st (make-syntax-table))) (set-syntax-table st) (list (progn (goto-char 1) (list (re-search-forward "\\w\\s.\\w" nil t) (point))) (progn (modify-syntax-entry ?: "w" st) (goto-char 1) (list (re-search-forward "\\w+" nil t) (point))) (progn (modify-syntax-entry ?é "." st) (goto-char 4) (list (re-search-forward "\\s." nil t) (point))) (progn (goto-char 4) (list (re-search-forward "\\w+" nil t) (point))) (with-syntax-table (standard-syntax-table) (goto-char 1) (list (re-search-forward "\\w+" nil t) (point))))))
(defun rp--copy-case-table (table) (let ((copy (copy-sequence table)) (up (char-table-extra-slot table 0))) (if up (set-char-table-extra-slot copy 0 (copy-sequence up))) (set-char-table-extra-slot copy 1 nil) (set-char-table-extra-slot copy 2 nil) copy))
(with-temp-buffer (let ((ct (rp--copy-case-table (standard-case-table)))) (set-case-table ct) (insert "aXb qxq QX éÉ") (let ((canon (char-table-extra-slot ct 1))) (list (rp--all 're-search-forward "x+") (progn (aset canon ?q ?x) (rp--all 're-search-forward "x+")) (rp--all 're-search-forward "[x]") (progn (goto-char 1) (list (looking-at "ax") (progn (goto-char 5) (looking-at "xxx")))) (progn (aset canon ?q ?q) (aset canon ?Q ?q) (rp--all 're-search-forward "q+")) (progn (aset canon ?É ?e) (rp--all 're-search-forward "[eé]")) (rp--all 're-search-backward "e+" t) (progn (aset canon ?É ?é) (rp--all 're-search-forward "e+"))))))
(with-temp-buffer (insert "Alpha ALPHA alphà ÀLPHA") (let ((ct (rp--copy-case-table (standard-case-table)))) (list (rp--all 're-search-forward "alpha") (progn (aset ct ?À ?a) (aset ct ?à ?a) (set-case-table ct) (rp--all 're-search-forward "alpha")) (rp--all 'search-forward "alphà") (rp--all 're-search-backward "a" t) (progn (set-case-table (standard-case-table)) (rp--all 're-search-forward "ALPHA")))))
(with-temp-buffer (insert "Hello HELLO hello") (list (rp--all 're-search-forward "hello") (let ((case-fold-search nil)) (rp--all 're-search-forward "hello")) (rp--all 're-search-forward "hello") (let ((case-fold-search nil)) (rp--all 'search-backward "HELLO" t)) (progn (setq-local case-fold-search nil) (rp--all 'search-forward "Hello")) (progn (kill-local-variable 'case-fold-search) (rp--all 'search-forward "Hello"))))

;; Anchored patterns and point.
(with-temp-buffer (insert "ab\nab\n  ab\nxab") (list (rp--all 're-search-forward "^ab") (rp--all 're-search-backward "^ab" t) (rp--all 're-search-forward "ab$") (progn (goto-char 4) (list (re-search-forward "\\=ab" nil t) (point))) (progn (goto-char 5) (list (re-search-forward "\\=ab" nil t) (point))) (progn (goto-char 9) (list (re-search-backward "\\=ab\\|^ab" nil t) (point)))))
