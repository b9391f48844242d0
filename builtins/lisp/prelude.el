;;; prelude.el --- what Enoki supplies before any Emacs library loads  -*- lexical-binding: t -*-
;;
;; GNU Emacs defines these in Lisp (byte-run.el, backquote.el, subr.el).  Enoki
;; keeps its own small, faithful versions so that programs run without the GNU
;; Emacs Lisp library; when that library is loaded its definitions replace
;; these.  Macro expansions have the same shape as GNU Emacs's, because code can
;; observe them (`macroexpand', printed closures).

;;;; Defining macros and functions

(defalias 'not #'null)

(defalias 'enoki--strip-declarations
  #'(lambda (body)
      "BODY without the `declare' forms after its docstring."
      (let ((doc (if (and (stringp (car-safe body)) (cdr body)) (list (car body)))))
        (if doc (setq body (cdr body)))
        (while (eq (car-safe (car-safe body)) 'declare)
          (setq body (cdr body)))
        (append doc body))))

(defalias 'defmacro
  (cons 'macro
        #'(lambda (name arglist &rest body)
            "Define NAME as a macro."
            (or (listp arglist) (signal 'cl-assertion-failed '((listp args))))
            (list 'defalias (list 'quote name)
                  (list 'cons ''macro
                        (list 'function
                              (cons 'lambda
                                    (cons arglist (enoki--strip-declarations body)))))))))

(defalias 'defun
  (cons 'macro
        #'(lambda (name arglist &rest body)
            "Define NAME as a function."
            (or name (error "Cannot define '%s' as a function" name))
            (if (null (and (listp arglist)
                           (null (delq t (mapcar #'symbolp arglist)))))
                (error "Malformed arglist: %s" arglist))
            (list 'defalias (list 'quote name)
                  (list 'function
                        (cons 'lambda (cons arglist (enoki--strip-declarations body))))))))

(defmacro lambda (&rest cdr)
  "Return an anonymous function."
  (list 'function (cons 'lambda cdr)))

(defmacro defsubst (name arglist &rest body)
  "Define an inline function.  The syntax is just like that of `defun'."
  (cons 'defun (cons name (cons arglist body))))

(defmacro declare (&rest _specs)
  "Do not evaluate any arguments, and return nil."
  nil)

;;;; Backquote

(defun backquote-list*-function (first &rest list)
  "Like `list' but the last argument is the tail of the new list."
  (if list
      (let* ((rest list) (newlist (cons first nil)) (last newlist))
        (while (cdr rest)
          (setcdr last (cons (car rest) nil))
          (setq last (cdr last)
                rest (cdr rest)))
        (setcdr last (car rest))
        newlist)
    first))

(defmacro backquote-list*-macro (first &rest list)
  "Like `list' but the last argument is the tail of the new list."
  (setq list (nreverse (cons first list))
        first (car list)
        list (cdr list))
  (if list
      (let ((second (car list)))
        (setq list (cdr list))
        (setq first (list 'cons second first))
        (while list
          (setq first (list 'cons (car list) first)
                list (cdr list)))
        first)
    first))

(defalias 'backquote-list* (symbol-function 'backquote-list*-macro))

(defun enoki--bq-delay (s level)
  "Process a nested (un|back|splice)quote S at LEVEL."
  (let ((exp (enoki--bq-listify (list (cons 0 (list 'quote (car s))))
                                 (enoki--bq-process (cdr s) level))))
    (cons (if (eq (car-safe exp) 'quote) 0 1) exp)))

(defun enoki--bq-process (s level)
  "Expand backquoted S.  Returns (TYPE . CODE): TYPE 0 constant, 1 computed,
2 a list to splice."
  (cond
   ((vectorp s)
    (let ((n (enoki--bq-process (append s ()) level)))
      (if (= (car n) 0)
          (cons 0 s)
        (cons 1 (cond
                 ((not (listp (cdr n))) (list 'vconcat (cdr n)))
                 ((eq (car (cdr n)) 'list) (cons 'vector (cdr (cdr n))))
                 ((eq (car (cdr n)) 'append) (cons 'vconcat (cdr (cdr n))))
                 (t (list 'apply '(function vector) (cdr n))))))))
   ((atom s)
    (cons 0 (if (or (null s) (eq s t) (not (symbolp s))) s (list 'quote s))))
   ((eq (car s) '\,)
    (if (<= level 0)
        (if (> (length s) 2)
            (error "Multiple args to , are not supported: %S" s)
          (cons (if (eq (car-safe (car (cdr s))) 'quote) 0 1) (car (cdr s))))
      (enoki--bq-delay s (1- level))))
   ((eq (car s) '\,@)
    (if (<= level 0)
        (if (> (length s) 2)
            (error "Multiple args to ,@ are not supported: %S" s)
          (cons 2 (car (cdr s))))
      (enoki--bq-delay s (1- level))))
   ((eq (car s) '\`)
    (enoki--bq-delay s (1+ level)))
   (t (enoki--bq-process-list s level))))

(defun enoki--bq-process-list (s level)
  "Expand the backquoted list S at LEVEL."
  (let ((rest s) item firstlist items lists expression)
    (while (and (consp rest)
                (not (or (eq (car rest) '\,) (eq (car rest) '\`))))
      (setq item (enoki--bq-process (car rest) level))
      (if (= (car item) 2)
          (progn
            (if (null lists)
                (setq firstlist items items nil))
            (if items
                (setq lists (cons (enoki--bq-listify items '(0 . nil)) lists)))
            (setq lists (cons (cdr item) lists))
            (setq items nil))
        (setq items (cons item items)))
      (setq rest (cdr rest)))
    (if (or rest items)
        (setq lists (cons (enoki--bq-listify items (enoki--bq-process rest level))
                          lists)))
    (setq expression
          (if (or (cdr lists) (eq (car-safe (car lists)) '\,@))
              (cons 'append (nreverse lists))
            (car lists)))
    (if firstlist
        (setq expression (enoki--bq-listify firstlist (cons 1 expression))))
    (cons (if (eq (car-safe expression) 'quote) 0 1) expression)))

(defun enoki--bq-listify (items old-tail)
  "Code building the list of reversed ITEMS followed by OLD-TAIL (TYPE . CODE)."
  (let ((heads nil) (tail (cdr old-tail)) (item nil))
    (if (= (car old-tail) 0)
        (setq tail (eval tail) old-tail nil))
    (while (consp items)
      (setq item (car items) items (cdr items))
      (if (or heads old-tail (/= (car item) 0))
          (setq heads (cons (cdr item) heads))
        (setq tail (cons (eval (cdr item)) tail))))
    (cond
     (tail
      (if (null old-tail)
          (setq tail (list 'quote tail)))
      (if heads
          (cons (if (or (cdr heads)
                        (and (consp (car heads)) (eq (car (car heads)) '\,@)))
                    'backquote-list* 'cons)
                (append heads (list tail)))
        tail))
     (t (cons 'list heads)))))

(defmacro backquote (structure)
  "Build STRUCTURE as if quoted, except where `,' and `,@' evaluate."
  (cdr (enoki--bq-process structure 0)))

(defalias '\` (symbol-function 'backquote))

;;;; Control structures

(defmacro when (cond &rest body)
  "If COND yields non-nil, do BODY, else return nil."
  (list 'if cond (cons 'progn body)))

(defmacro unless (cond &rest body)
  "If COND yields nil, do BODY, else return nil."
  (cons 'if (cons cond (cons nil body))))

(defmacro prog2 (form1 form2 &rest body)
  "Eval FORM1, FORM2 and BODY sequentially; return value from FORM2."
  (list 'progn form1 (cons 'prog1 (cons form2 body))))

(defmacro dolist (spec &rest body)
  "Loop over a list: (dolist (VAR LIST [RESULT]) BODY...)."
  (unless (consp spec)
    (signal 'wrong-type-argument (list 'consp spec)))
  (unless (and (<= 2 (length spec)) (<= (length spec) 3))
    (signal 'wrong-number-of-arguments (list '(2 . 3) (length spec))))
  (let ((tail (make-symbol "tail")))
    `(let ((,tail ,(nth 1 spec)))
       (while ,tail
         (let ((,(car spec) (car ,tail)))
           ,@body
           (setq ,tail (cdr ,tail))))
       ,@(cdr (cdr spec)))))

(defmacro dotimes (spec &rest body)
  "Loop a certain number of times: (dotimes (VAR COUNT [RESULT]) BODY...)."
  (let ((var (nth 0 spec))
        (end (nth 1 spec))
        (upper-bound (make-symbol "upper-bound"))
        (counter (make-symbol "counter")))
    `(let ((,upper-bound ,end)
           (,counter 0))
       (while (< ,counter ,upper-bound)
         (let ((,var ,counter))
           ,@body)
         (setq ,counter (1+ ,counter)))
       ,@(if (cdr (cdr spec))
             `((let ((,var ,counter)) ,@(cdr (cdr spec))))))))

(defun enoki--place-setter (place value)
  "Code storing VALUE (code) into generalized PLACE (the common places)."
  (let ((head (car-safe place)) (args (cdr-safe place)))
    (cond
     ((symbolp place) (list 'setq place value))
     ((eq head 'car) (list 'setcar (car args) value))
     ((eq head 'cdr) (list 'setcdr (car args) value))
     ((eq head 'aref) (list 'aset (car args) (car (cdr args)) value))
     ((eq head 'nth) (list 'setcar (list 'nthcdr (car args) (car (cdr args))) value))
     ((eq head 'nthcdr) (list 'setcdr (list 'nthcdr (list '1- (car args)) (car (cdr args))) value))
     ((eq head 'gethash) (list 'puthash (car args) value (car (cdr args))))
     ((eq head 'get) (list 'put (car args) (car (cdr args)) value))
     ((eq head 'symbol-value) (list 'set (car args) value))
     ((eq head 'symbol-function) (list 'fset (car args) value))
     ((eq head 'symbol-plist) (list 'setplist (car args) value))
     ((eq head 'default-value) (list 'set-default (car args) value))
     (t (error "%S is not a valid place expression" place)))))

(defmacro push (newelt place)
  "Add NEWELT to the list stored in the generalized variable PLACE."
  (if (symbolp place)
      (list 'setq place (list 'cons newelt place))
    (let ((x (make-symbol "v")))
      (list 'let (list (list x newelt))
            (enoki--place-setter place (list 'cons x place))))))

(defmacro pop (place)
  "Return the first element of PLACE's value, and remove it from the list."
  (list 'car-safe
        (if (symbolp place)
            (list 'prog1 place (list 'setq place (list 'cdr place)))
          (let ((x (make-symbol "x")))
            (list 'let (list (list x place))
                  (list 'prog1 x (enoki--place-setter place (list 'cdr x))))))))

(defmacro setq-default (&rest args)
  "Set the default value of variable VAR to VALUE."
  (let ((exps nil))
    (while args
      (setq exps (cons (list 'set-default (list 'quote (car args)) (car (cdr args)))
                       exps))
      (setq args (cdr (cdr args))))
    (cons 'progn (nreverse exps))))

(defmacro handler-bind (handlers &rest body)
  "Set up error HANDLERS around execution of BODY."
  (let ((args '()))
    (dolist (cond+handler handlers)
      (let ((handler (car (cdr cond+handler)))
            (conds (car cond+handler)))
        (push (list 'quote (if (listp conds) conds (list conds))) args)
        (push handler args)))
    `(handler-bind-1 (lambda () ,@body) ,@(nreverse args))))

(defmacro ignore-errors (&rest body)
  "Execute BODY; if an error occurs, return nil."
  `(condition-case nil (progn ,@body) (error nil)))

(defmacro with-output-to-string (&rest body)
  "Execute BODY, return the text it sent to `standard-output', as a string."
  `(let ((standard-output (enoki--make-string-output)))
     (progn ,@body)
     (enoki--string-output-contents standard-output)))

;;;; Errors

(put 'cl-assertion-failed 'error-conditions '(cl-assertion-failed error))
(put 'cl-assertion-failed 'error-message "Assertion failed")

(defun error (&rest args)
  "Signal an error, making a message by passing ARGS to `format-message'."
  (signal 'error (list (apply #'format-message args))))

(defun user-error (format &rest args)
  "Signal a user error, making a message by passing ARGS to `format-message'."
  (signal 'user-error (list (apply #'format-message format args))))

(defun define-error (name message &optional parent)
  "Define NAME as a new error signal with MESSAGE and PARENT conditions."
  (or parent (setq parent 'error))
  (let ((conditions
         (if (consp parent)
             (apply #'append
                    (mapcar (lambda (p)
                              (cons p (or (get p 'error-conditions)
                                          (error "Unknown signal `%s'" p))))
                            parent))
           (cons parent (get parent 'error-conditions))))
        (result nil))
    (setq conditions (cons name conditions))
    (while conditions
      (or (memq (car conditions) result)
          (setq result (cons (car conditions) result)))
      (setq conditions (cdr conditions)))
    (put name 'error-conditions (nreverse result))
    (when message (put name 'error-message message))))

;;;; Small functions every program uses


(defun ignore (&rest _arguments)
  "Ignore ARGUMENTS, do nothing, and return nil."
  nil)

(defun zerop (number)
  "Return t if NUMBER is zero."
  (= 0 number))

(defun caar (x) "Return the car of the car of X." (car (car x)))
(defun cadr (x) "Return the car of the cdr of X." (car (cdr x)))
(defun cdar (x) "Return the cdr of the car of X." (cdr (car x)))
(defun cddr (x) "Return the cdr of the cdr of X." (cdr (cdr x)))

(defun last (list &optional n)
  "Return the last link of LIST.  With N, the last N links."
  (if n
      (and (>= n 0)
           (let ((m (safe-length list)))
             (if (< n m) (nthcdr (- m n) list) list)))
    (and list (nthcdr (1- (safe-length list)) list))))

(defun butlast (list &optional n)
  "Return a copy of LIST with the last N elements removed."
  (let ((n (or n 1)))
    (if (<= n 0) list (take (- (length list) n) list))))

(defalias 'string= #'string-equal)
(defalias 'string< #'string-lessp)
(defalias 'string> #'string-greaterp)

(defun remq (elt list)
  "Return LIST with all occurrences of ELT removed (compared with `eq')."
  (while (and (eq elt (car list)) (setq list (cdr list))))
  (if (memq elt list)
      (delq elt (copy-sequence list))
    list))

(defun lsh (value count)
  "Return VALUE with its bits shifted left by COUNT, logically."
  (when (and (< value 0) (< count 0))
    (when (< value most-negative-fixnum)
      (signal 'args-out-of-range (list value count)))
    (setq value (logand (ash value -1) most-positive-fixnum))
    (setq count (1+ count)))
  (ash value count))

;;;; Documentation strings

(defvar text-quoting-style nil
  "Style to use for single quotes in help and messages.")

(defun enoki--curved-quotes-p ()
  "Whether ` and ' are shown as curved quotes (Emacs in a UTF-8 locale)."
  (memq (or text-quoting-style 'curve) '(curve)))

(defun substitute-command-keys (string &optional _no-face _include-menus)
  "Substitute key descriptions and quotes in STRING.
Enoki has no keymaps yet: \\\\[COMMAND] becomes \"M-x COMMAND\"."
  (when string
    (let ((i 0) (n (length string)) (out nil) (curve (enoki--curved-quotes-p))
          (straight (eq text-quoting-style 'straight)))
      (while (< i n)
        (let ((c (aref string i)))
          (cond
           ((and (= c ?\\) (< (1+ i) n) (= (aref string (1+ i)) ?=))
            (if (< (+ i 2) n) (setq out (cons (aref string (+ i 2)) out)))
            (setq i (+ i 3)))
           ((and (= c ?\\) (< (1+ i) n) (= (aref string (1+ i)) ?\[)
                 (string-search "]" string i))
            (let ((end (string-search "]" string i)))
              (setq out (append (reverse (append (concat "M-x " (substring string (+ i 2) end)) nil))
                                out))
              (setq i (1+ end))))
           ((= c ?`)
            (setq out (cons (cond (curve ?‘) (straight ?') (t ?`)) out))
            (setq i (1+ i)))
           ((= c ?')
            (setq out (cons (if curve ?’ ?') out))
            (setq i (1+ i)))
           (t (setq out (cons c out)) (setq i (1+ i))))))
      (apply #'string (nreverse out)))))

;;;; Regexps and the match data (subr.el)

(defmacro save-match-data (&rest body)
  "Execute the BODY forms, restoring the global value of the match data."
  (declare (indent 0) (debug t))
  (let ((saved-match-data (make-symbol "saved-match-data")))
    (list 'let
          (list (list saved-match-data '(match-data)))
          (list 'unwind-protect
                (cons 'progn body)
                (list 'set-match-data saved-match-data t)))))

(defun match-string (num &optional string)
  "Return the string of text matched by the previous search or regexp operation."
  (declare (side-effect-free t))
  (if (match-beginning num)
      (if string
          (substring string (match-beginning num) (match-end num))
        (buffer-substring (match-beginning num) (match-end num)))))

(defun match-string-no-properties (num &optional string)
  "Return string of text matched by last search, without text properties."
  (declare (side-effect-free t))
  (if (match-beginning num)
      (if string
          (substring-no-properties string (match-beginning num)
                                   (match-end num))
        (buffer-substring-no-properties (match-beginning num)
                                        (match-end num)))))

(defun match-substitute-replacement (replacement
                                     &optional fixedcase literal string subexp)
  "Return REPLACEMENT as it will be inserted by `replace-match'."
  (declare (side-effect-free t))
  (let ((match (match-string 0 string)))
    (save-match-data
      (match-data--translate (- (match-beginning 0)))
      (replace-match replacement fixedcase literal match subexp))))

(defun looking-back (regexp &optional limit greedy)
  "Return non-nil if text before point matches regular expression REGEXP."
  (let ((start (point))
        (pos
         (save-excursion
           (and (re-search-backward (concat "\\(?:" regexp "\\)\\=") limit t)
                (point)))))
    (if (and greedy pos)
        (save-restriction
          (narrow-to-region (point-min) start)
          (while (and (> pos (point-min))
                      (save-excursion
                        (goto-char pos)
                        (backward-char 1)
                        (looking-at (concat "\\(?:"  regexp "\\)\\'"))))
            (setq pos (1- pos)))
          (save-excursion
            (goto-char pos)
            (looking-at (concat "\\(?:"  regexp "\\)\\'")))))
    (not (null pos))))

(defsubst looking-at-p (regexp)
  "Same as `looking-at' except this function does not change the match data."
  (declare (side-effect-free t))
  (looking-at regexp t))

(defsubst string-match-p (regexp string &optional start)
  "Same as `string-match' except this function does not change the match data."
  (declare (side-effect-free t))
  (string-match regexp string start t))

(defconst split-string-default-separators "[ \f\t\n\r\v]+"
  "The default value of separators for `split-string'.")

(defun split-string (string &optional separators omit-nulls trim)
  "Split STRING into substrings bounded by matches for SEPARATORS."
  (declare (important-return-value t))
  (let* ((keep-nulls (not (if separators omit-nulls t)))
         (rexp (or separators split-string-default-separators))
         (start 0)
         this-start this-end
         notfirst
         (list nil)
         (push-one
          (lambda ()
            (when trim
              (let ((tem (string-match trim string this-start)))
                (and (eq tem this-start)
                     (setq this-start (match-end 0)))))
            (when (or keep-nulls (< this-start this-end))
              (let ((this (substring string this-start this-end)))
                (when trim
                  (let ((tem (string-match (concat trim "\\'") this 0)))
                    (and tem (< tem (length this))
                         (setq this (substring this 0 tem)))))
                (when (or keep-nulls (> (length this) 0))
                  (push this list)))))))
    (while (and (string-match rexp string
                              (if (and notfirst
                                       (= start (match-beginning 0))
                                       (< start (length string)))
                                  (1+ start) start))
                (< start (length string)))
      (setq notfirst t)
      (setq this-start start this-end (match-beginning 0)
            start (match-end 0))
      (funcall push-one))
    (setq this-start start this-end (length string))
    (funcall push-one)
    (nreverse list)))

(defalias 'string-split #'split-string)

(defun string-replace (from-string to-string in-string)
  "Replace FROM-STRING with TO-STRING in IN-STRING each time it occurs."
  (declare (pure t) (side-effect-free t))
  (when (equal from-string "")
    (signal 'wrong-length-argument '(0)))
  (let ((start 0)
        (result nil)
        pos)
    (while (setq pos (string-search from-string in-string start))
      (unless (= start pos)
        (push (substring in-string start pos) result))
      (push to-string result)
      (setq start (+ pos (length from-string))))
    (if (null result)
        in-string
      (unless (= start (length in-string))
        (push (substring in-string start) result))
      (apply #'concat (nreverse result)))))

(defun replace-regexp-in-string (regexp rep string &optional
                                        fixedcase literal subexp start)
  "Replace all matches for REGEXP with REP in STRING."
  (declare (important-return-value t))
  (let ((l (length string))
        (start (or start 0))
        matches str mb me)
    (save-match-data
      (while (and (< start l) (string-match regexp string start))
        (setq mb (match-beginning 0)
              me (match-end 0))
        (when (= me mb) (setq me (min l (1+ mb))))
        (match-data--translate (- mb))
        (setq str (substring string mb me))
        (setq matches
              (cons (replace-match (if (stringp rep)
                                       rep
                                     (funcall rep (match-string 0 str)))
                                   fixedcase literal str subexp)
                    (cons (substring string start mb)
                          matches)))
        (setq start me))
      (setq matches (cons (substring string start l) matches))
      (apply #'concat (nreverse matches)))))

(defun string-trim-left (string &optional regexp)
  "Trim STRING of leading string matching REGEXP."
  (declare (important-return-value t))
  (if (string-match (if regexp
                        (concat "\\`\\(?:" regexp "\\)")
                      "\\`[ \t\n\r]+")
                    string)
      (substring string (match-end 0))
    string))

(defun string-trim-right (string &optional regexp)
  "Trim STRING of trailing string matching REGEXP."
  (declare (side-effect-free t))
  (let ((i (string-match-p (if regexp
                               (concat "\\(?:" regexp "\\)\\'")
                             "[ \t\n\r]+\\'")
                           string)))
    (if i (substring string 0 i) string)))

(defun string-trim (string &optional trim-left trim-right)
  "Trim STRING of leading and trailing strings matching TRIM-LEFT and TRIM-RIGHT."
  (declare (important-return-value t))
  (string-trim-left (string-trim-right string trim-right) trim-left))

(defconst regexp-unmatchable "\\`a\\`"
  "Standard regexp guaranteed not to match any string at all.")

;;;; Syntax tables (subr.el, simple.el)

(defun make-syntax-table (&optional oldtable)
  "Return a new syntax table inheriting from OLDTABLE or the standard one."
  (let ((table (make-char-table 'syntax-table nil)))
    (set-char-table-parent table (or oldtable (standard-syntax-table)))
    table))

(defun syntax-after (pos)
  "Return the raw syntax descriptor for the char after POS."
  (declare (important-return-value t))
  (unless (or (< pos (point-min)) (>= pos (point-max)))
    (let ((st (if parse-sexp-lookup-properties
                  (get-char-property pos 'syntax-table))))
      (if (consp st) st
        (aref (or st (syntax-table)) (char-after pos))))))

(defun syntax-class (syntax)
  "Return the code for the syntax class described by SYNTAX."
  (declare (pure t) (side-effect-free t))
  (and syntax (logand (car syntax) 65535)))

(defun backward-word (&optional arg)
  "Move backward until encountering the beginning of a word."
  (interactive "^p")
  (forward-word (- (or arg 1))))

(defun forward-word-strictly (&optional arg)
  "Move point forward ARG words, by the syntax table only."
  (interactive "^p")
  (let ((find-word-boundary-function-table
         (if (char-table-p word-move-empty-char-table)
             word-move-empty-char-table
           (setq word-move-empty-char-table (make-char-table nil)))))
    (forward-word arg)))

(defun backward-word-strictly (&optional arg)
  "Move backward until encountering the beginning of a word, by the syntax table only."
  (interactive "^p")
  (let ((find-word-boundary-function-table
         (if (char-table-p word-move-empty-char-table)
             word-move-empty-char-table
           (setq word-move-empty-char-table (make-char-table nil)))))
    (forward-word (- (or arg 1)))))

(defvar word-move-empty-char-table nil
  "Used in `forward-word-strictly' and `backward-word-strictly'.")

(defmacro with-syntax-table (table &rest body)
  "Evaluate BODY with syntax table of current buffer set to TABLE."
  (declare (debug t) (indent 1))
  (let ((old-table (make-symbol "table"))
        (old-buffer (make-symbol "buffer")))
    `(let ((,old-table (syntax-table))
           (,old-buffer (current-buffer)))
       (unwind-protect
           (progn
             (set-syntax-table ,table)
             ,@body)
         (save-current-buffer
           (set-buffer ,old-buffer)
           (set-syntax-table ,old-table))))))

;;;; More of subr.el: string-greaterp, the cXXXr and cXXXXr accessors, number-sequence

(defun string-greaterp (string1 string2)
  "Return non-nil if STRING1 is greater than STRING2 in lexicographic order.
Case is significant.
Symbols are also allowed; their print names are used instead."
  (string-lessp string2 string1))

(defun caaar (x) "Return the `car' of the `car' of the `car' of X." (car (car (car x))))
(defun caadr (x) "Return the `car' of the `car' of the `cdr' of X." (car (car (cdr x))))
(defun cadar (x) "Return the `car' of the `cdr' of the `car' of X." (car (cdr (car x))))
(defun caddr (x) "Return the `car' of the `cdr' of the `cdr' of X." (car (cdr (cdr x))))
(defun cdaar (x) "Return the `cdr' of the `car' of the `car' of X." (cdr (car (car x))))
(defun cdadr (x) "Return the `cdr' of the `car' of the `cdr' of X." (cdr (car (cdr x))))
(defun cddar (x) "Return the `cdr' of the `cdr' of the `car' of X." (cdr (cdr (car x))))
(defun cdddr (x) "Return the `cdr' of the `cdr' of the `cdr' of X." (cdr (cdr (cdr x))))
(defun caaaar (x) "Return the `car' of the `car' of the `car' of the `car' of X." (car (car (car (car x)))))
(defun caaadr (x) "Return the `car' of the `car' of the `car' of the `cdr' of X." (car (car (car (cdr x)))))
(defun caadar (x) "Return the `car' of the `car' of the `cdr' of the `car' of X." (car (car (cdr (car x)))))
(defun caaddr (x) "Return the `car' of the `car' of the `cdr' of the `cdr' of X." (car (car (cdr (cdr x)))))
(defun cadaar (x) "Return the `car' of the `cdr' of the `car' of the `car' of X." (car (cdr (car (car x)))))
(defun cadadr (x) "Return the `car' of the `cdr' of the `car' of the `cdr' of X." (car (cdr (car (cdr x)))))
(defun caddar (x) "Return the `car' of the `cdr' of the `cdr' of the `car' of X." (car (cdr (cdr (car x)))))
(defun cadddr (x) "Return the `car' of the `cdr' of the `cdr' of the `cdr' of X." (car (cdr (cdr (cdr x)))))
(defun cdaaar (x) "Return the `cdr' of the `car' of the `car' of the `car' of X." (cdr (car (car (car x)))))
(defun cdaadr (x) "Return the `cdr' of the `car' of the `car' of the `cdr' of X." (cdr (car (car (cdr x)))))
(defun cdadar (x) "Return the `cdr' of the `car' of the `cdr' of the `car' of X." (cdr (car (cdr (car x)))))
(defun cdaddr (x) "Return the `cdr' of the `car' of the `cdr' of the `cdr' of X." (cdr (car (cdr (cdr x)))))
(defun cddaar (x) "Return the `cdr' of the `cdr' of the `car' of the `car' of X." (cdr (cdr (car (car x)))))
(defun cddadr (x) "Return the `cdr' of the `cdr' of the `car' of the `cdr' of X." (cdr (cdr (car (cdr x)))))
(defun cdddar (x) "Return the `cdr' of the `cdr' of the `cdr' of the `car' of X." (cdr (cdr (cdr (car x)))))
(defun cddddr (x) "Return the `cdr' of the `cdr' of the `cdr' of the `cdr' of X." (cdr (cdr (cdr (cdr x)))))

(defun number-sequence (from &optional to inc)
  "Return a sequence of numbers from FROM to TO (both inclusive) as a list.
INC is the increment used between numbers in the sequence and defaults to 1.
If TO is nil or numerically equal to FROM, return (FROM)."
  (if (or (not to) (= from to))
      (list from)
    (or inc (setq inc 1))
    (when (zerop inc) (error "The increment can not be zero"))
    (let (seq (n 0) (next from))
      (if (> inc 0)
          (while (<= next to)
            (setq seq (cons next seq)
                  n (1+ n)
                  next (+ from (* n inc))))
        (while (>= next to)
          (setq seq (cons next seq)
                n (1+ n)
                next (+ from (* n inc)))))
      (nreverse seq))))

;;;; Buffers (subr.el, simple.el)

(defmacro with-current-buffer (buffer-or-name &rest body)
  "Execute the forms in BODY with BUFFER-OR-NAME temporarily current."
  (declare (indent 1) (debug t))
  `(save-current-buffer
     (set-buffer ,buffer-or-name)
     ,@body))

(defun generate-new-buffer (name &optional inhibit-buffer-hooks)
  "Create and return a buffer with a name based on NAME."
  (get-buffer-create (generate-new-buffer-name name) inhibit-buffer-hooks))

(defmacro with-temp-buffer (&rest body)
  "Create a temporary buffer, and evaluate BODY there like `progn'."
  (declare (indent 0) (debug t))
  (let ((temp-buffer (make-symbol "temp-buffer")))
    `(let ((,temp-buffer (generate-new-buffer " *temp*" t)))
       (with-current-buffer ,temp-buffer
         (unwind-protect
             (progn ,@body)
           (and (buffer-name ,temp-buffer)
                (kill-buffer ,temp-buffer)))))))

(defmacro setq-local (&rest pairs)
  "Make each VARIABLE buffer-local and assign to it the corresponding VALUE.

\(fn [VARIABLE VALUE]...)"
  (declare (debug setq))
  (unless (zerop (mod (length pairs) 2))
    (error "PAIRS must have an even number of variable/value members"))
  (let ((forms nil))
    (while pairs
      (unless (symbolp (car pairs))
        (error "Attempting to set a non-symbol: %s" (car pairs)))
      (setq forms (cons (list 'set (list 'make-local-variable (list 'quote (car pairs)))
                              (car (cdr pairs)))
                        forms))
      (setq pairs (cdr (cdr pairs))))
    (setq forms (nreverse forms))
    (if (cdr forms) (cons 'progn forms) (car forms))))

(defmacro defvar-local (var val &optional docstring)
  "Define VAR as a buffer-local variable with default value VAL."
  (declare (debug defvar) (doc-string 3) (indent 2))
  (list 'progn (list 'defvar var val docstring)
        (list 'make-variable-buffer-local (list 'quote var))))

(defun buffer-local-boundp (symbol buffer)
  "Return non-nil if SYMBOL is bound in BUFFER."
  (condition-case nil
      (buffer-local-value symbol buffer)
    (:success t)
    (void-variable nil)))

(defalias 'move-marker #'set-marker)

(defun insert-buffer-substring-no-properties (buffer &optional start end)
  "Insert before point a substring of BUFFER, without text properties."
  (let ((opoint (point)))
    (insert-buffer-substring buffer start end)
    (let ((inhibit-read-only t))
      (set-text-properties opoint (point) nil))))

(defun buffer-narrowed-p ()
  "Return non-nil if the current buffer is narrowed."
  (/= (- (point-max) (point-min)) (buffer-size)))

(defun delete-line ()
  "Delete the current line."
  (delete-region (pos-bol) (pos-bol 2)))

(defun buffer-disable-undo (&optional buffer)
  "Make BUFFER stop keeping undo information."
  (with-current-buffer (if buffer (get-buffer buffer) (current-buffer))
    (setq buffer-undo-list t)))

(defun enoki--line-break-p (pos)
  "Whether the char at POS ends a line for `count-lines' under
`selective-display' t: a newline, or a CR not followed by a newline."
  (let ((c (char-after pos)))
    (or (eq c ?\n)
        (and (eq c ?\r) (< (1+ pos) (point-max))
             (not (eq (char-after (1+ pos)) ?\n))))))

(defun count-lines (start end &optional ignore-invisible-lines)
  "Return number of lines between START and END.
This is usually the number of newlines between them, but can be
one more if START is not equal to END and the greater of them is
not at the start of a line.

When IGNORE-INVISIBLE-LINES is non-nil, invisible lines are not
included in the count."
  (save-excursion
    (save-restriction
      (narrow-to-region start end)
      (cond ((and (not ignore-invisible-lines)
                  (eq selective-display t))
             (let ((count 0) (pos (point-min)))
               (while (< pos (point-max))
                 (when (enoki--line-break-p pos)
                   (setq count (1+ count))
                   ;; A CR line break consumes the char after it too.
                   (if (eq (char-after pos) ?\r) (setq pos (1+ pos))))
                 (setq pos (1+ pos)))
               (goto-char (point-max))
               (if (and (/= start end) (not (bolp)))
                   (1+ count)
                 count)))
            (ignore-invisible-lines
             (goto-char (point-min))
             (- (buffer-size)
                (forward-line (buffer-size))
                (let ((invisible 0) (pos (point-min)) prop)
                  (while (< pos (point-max))
                    (when (enoki--line-break-p pos)
                      (if (eq (char-after pos) ?\r) (setq pos (1+ pos)))
                      (setq prop (get-char-property pos 'invisible))
                      (if (if (eq buffer-invisibility-spec t)
                              prop
                            (or (memq prop buffer-invisibility-spec)
                                (assq prop buffer-invisibility-spec)))
                          (setq invisible (1+ invisible))))
                    (setq pos (1+ pos)))
                  invisible)))
            (t
             (goto-char (point-max))
             (if (bolp)
                 (1- (line-number-at-pos))
               (line-number-at-pos)))))))

(defmacro with-silent-modifications (&rest body)
  "Execute BODY, pretending it does not modify the buffer."
  (declare (debug t) (indent 0))
  (let ((modified (make-symbol "modified")))
    `(let* ((,modified (buffer-modified-p))
            (buffer-undo-list t)
            (inhibit-read-only t)
            (inhibit-modification-hooks t))
       (unwind-protect
           (progn
             ,@body)
         (when (memq ,modified '(nil autosaved))
           (restore-buffer-modified-p ,modified))))))

(defun mark (&optional force)
  "Return this buffer's mark value as integer, or nil if never set."
  (if (or force (not transient-mark-mode) mark-active mark-even-if-inactive)
      (marker-position (mark-marker))
    (signal 'mark-inactive nil)))

;;;; Motion by balanced expressions (lisp.el)

(defvar forward-sexp-function nil
  "If non-nil, `forward-sexp' delegates to this function.")

(defun buffer-end (arg)
  "Return the \"far end\" position of the buffer, in direction ARG."
  (if (> arg 0) (point-max) (point-min)))

(defun forward-sexp (&optional arg interactive)
  "Move forward across one balanced expression (sexp); with ARG, do it that many times."
  (ignore interactive)
  (or arg (setq arg 1))
  (if forward-sexp-function
      (funcall forward-sexp-function arg)
    (goto-char (or (scan-sexps (point) arg) (buffer-end arg)))
    (if (< arg 0) (backward-prefix-chars))))

(defun backward-sexp (&optional arg interactive)
  "Move backward across one balanced expression (sexp)."
  (or arg (setq arg 1))
  (forward-sexp (- arg) interactive))

(defun backtrace-frames (&optional base)
  "Collect all frames of current backtrace into a list.
If non-nil, BASE should be a function, and frames before its
nearest activation frame are discarded."
  (let ((frames nil))
    (mapbacktrace (lambda (&rest frame) (push frame frames))
                  (or base #'backtrace-frames))
    (nreverse frames)))

(defun backtrace-frame (nframes &optional base)
  "Return the function and arguments NFRAMES up from current execution point."
  (backtrace-frame--internal
   (lambda (evald func args _) `(,evald ,func ,@args))
   nframes (or base #'backtrace-frame)))

;;;; Load-time declarations: obsolescence, properties, compiler-only forms (byte-run.el)

(defmacro declare-function (_fn _file &rest _args)
  "Declare to the byte-compiler that FN is defined in FILE: nothing at run time."
  nil)

(defun function-put (function prop value)
  "Give FUNCTION (a symbol) the property PROP with VALUE."
  (put (bare-symbol function) prop value))

(defun autoloadp (object)
  "Non-nil if OBJECT is an autoload definition, (autoload FILE ...)."
  (eq (car-safe object) 'autoload))

(defun function-get (f prop &optional autoload)
  "The PROP property of function F or of the first function it is an alias of
that has one.  With AUTOLOAD, an autoloaded F is loaded first (only an
autoloaded macro when AUTOLOAD is `macro')."
  (let ((val nil) (more t))
    (while (and more (symbolp f))
      (setq val (get f prop))
      (if (or val (not (fboundp f)))
          (setq more nil)
        (let ((def (symbol-function f)))
          ;; A load that changed the definition: look at F again.
          (unless (and autoload (autoloadp def)
                       (not (equal def (autoload-do-load
                                        def f (and (eq autoload 'macro) 'macro)))))
            (setq f def)))))
    val))

(defun define-symbol-prop (symbol prop val)
  "Set SYMBOL's PROP to VAL, recording SYMBOL under PROP in the
`define-symbol-props' entry of `current-load-list'."
  (let ((entry (assq 'define-symbol-props current-load-list)))
    (unless entry
      (setq entry (list 'define-symbol-props))
      (setq current-load-list (cons entry current-load-list)))
    (let ((symbols (assq prop (cdr entry))))
      (unless symbols
        (setq symbols (list prop))
        (setcdr entry (cons symbols (cdr entry))))
      (unless (member symbol (cdr symbols))
        (setcdr symbols (cons symbol (cdr symbols))))))
  (put symbol prop val))

(defun byte-run--constant-obsolete-warning (obsolete-name)
  (when (memq obsolete-name '(nil t))
    (error "Can't make `%s' obsolete; did you forget a quote mark?"
           obsolete-name)))

(defun make-obsolete (obsolete-name current-name when)
  "Record that function OBSOLETE-NAME is obsolete since WHEN, replaced by
CURRENT-NAME (a symbol, or a string saying what to use instead)."
  (byte-run--constant-obsolete-warning obsolete-name)
  (put obsolete-name 'byte-obsolete-info (list current-name nil when))
  obsolete-name)

(defun make-obsolete-variable (obsolete-name current-name when &optional access-type)
  "Record that variable OBSOLETE-NAME is obsolete since WHEN, replaced by
CURRENT-NAME; ACCESS-TYPE `get' or `set' limits the warnings to that access."
  (byte-run--constant-obsolete-warning obsolete-name)
  (put obsolete-name 'byte-obsolete-variable (list current-name access-type when))
  obsolete-name)

(defmacro define-obsolete-function-alias (obsolete-name current-name when &optional docstring)
  "Make OBSOLETE-NAME an alias of function CURRENT-NAME, obsolete since WHEN."
  `(progn
     (defalias ,obsolete-name ,current-name ,docstring)
     (make-obsolete ,obsolete-name ,current-name ,when)))

(defmacro define-obsolete-variable-alias (obsolete-name current-name when &optional docstring)
  "Make OBSOLETE-NAME a variable alias of CURRENT-NAME, obsolete since WHEN.
The Customize properties `saved-value' and `saved-variable-comment' of
OBSOLETE-NAME go to CURRENT-NAME when it has none."
  `(progn
     (defvaralias ,obsolete-name ,current-name ,docstring)
     (dolist (prop '(saved-value saved-variable-comment))
       (and (get ,obsolete-name prop)
            (null (get ,current-name prop))
            (put ,current-name prop (get ,obsolete-name prop))))
     (make-obsolete-variable ,obsolete-name ,current-name ,when)))

(defun with-no-warnings (&rest body)
  "Return the last of BODY's values (the forms are already evaluated)."
  (car (last body)))

(defmacro with-suppressed-warnings (warnings &rest body)
  "Evaluate BODY like `progn'; WARNINGS only matter to the byte-compiler."
  (if (and (featurep 'macroexp) (boundp 'byte-compile--suppressed-warnings))
      ;; Warnings of the expansion done now are suppressed too.
      (let ((byte-compile--suppressed-warnings
             (append warnings byte-compile--suppressed-warnings)))
        (macroexpand-all (macroexp-progn body) macroexpand-all-environment))
    `(progn ,@body)))

;;;; Hooks and lists (subr.el)

(defun add-hook (hook function &optional depth local)
  "Add FUNCTION to the functions of HOOK, unless it is there already.
DEPTH (a number, default 0; any other non-nil value means 90) orders the
functions: lower depths run first, and a function goes after those of the
same depth when DEPTH is positive, before them otherwise.  LOCAL changes the
buffer-local value, made with a `t' standing for the global functions."
  (or (boundp hook) (set hook nil))
  (or (default-boundp hook) (set-default hook nil))
  (unless (numberp depth)
    (setq depth (if depth 90 0)))
  (if local
      (unless (local-variable-if-set-p hook)
        (set (make-local-variable hook) (list t)))
    ;; A hook made buffer-local without the `t' flag: change the local value.
    (when (and (local-variable-if-set-p hook)
               (not (and (consp (symbol-value hook))
                         (memq t (symbol-value hook)))))
      (setq local t)))
  (let ((functions (if local (symbol-value hook) (default-value hook))))
    (when (or (not (listp functions)) (functionp functions))
      (setq functions (list functions)))
    (unless (member function functions)
      (let ((depths (get hook 'hook--depth-alist)))
        (unless (zerop depth)
          (unless depths
            (setq depths (make-symbol "depth-alist"))
            (set depths nil)
            (put hook 'hook--depth-alist depths))
          (when local
            (make-local-variable depths))
          (let* ((alist (if local (symbol-value depths) (default-value depths)))
                 (known (assoc function alist)))
            (cond (known (setcdr known depth))
                  (local (set depths (cons (cons function depth) alist)))
                  (t (set-default depths (cons (cons function depth) alist))))))
        (setq functions (if (> depth 0)
                            (append functions (list function))
                          (cons function functions)))
        (when depths
          (let ((alist (if local (symbol-value depths) (default-value depths))))
            (when alist
              (setq functions
                    (sort (if (> depth 0) functions (copy-sequence functions))
                          (lambda (f1 f2)
                            (< (let ((d (assq f1 alist))) (if d (cdr d) 0))
                               (let ((d (assq f2 alist))) (if d (cdr d) 0)))))))))))
    (if (not local)
        (set-default hook functions)
      ;; FUNCTION asks to survive a change of major mode: HOOK must too.
      (and (symbolp function)
           (get function 'permanent-local-hook)
           (not (get hook 'permanent-local))
           (put hook 'permanent-local 'permanent-local-hook))
      (set hook functions))))

(defun remove-hook (hook function &optional local)
  "Remove FUNCTION from the functions of HOOK (its buffer-local value when
LOCAL); a buffer-local value left with only `t' is killed."
  (or (boundp hook) (set hook nil))
  (or (default-boundp hook) (set-default hook nil))
  (unless (and local (not (local-variable-p hook)))
    (when (and (local-variable-p hook)
               (not (and (consp (symbol-value hook))
                         (memq t (symbol-value hook)))))
      (setq local t))
    (let ((functions (if local (symbol-value hook) (default-value hook)))
          (removed nil))
      (if (or (not (listp functions)) (eq (car functions) 'lambda))
          (when (equal functions function)
            (setq removed functions
                  functions nil))
        (setq removed (car (member function functions)))
        (when removed
          (setq functions (remq removed functions))))
      (when removed
        ;; Forget its depth too.
        (let* ((depths (get hook 'hook--depth-alist))
               (alist (and depths
                           (if local (symbol-value depths) (default-value depths))))
               (entry (assq removed alist)))
          (when entry
            (if local
                (set depths (remq entry alist))
              (set-default depths (remq entry alist))))))
      (cond ((not local) (set-default hook functions))
            ((equal functions '(t)) (kill-local-variable hook))
            (t (set hook functions))))))

(defun add-to-list (list-var element &optional append compare-fn)
  "Add ELEMENT to the value of LIST-VAR unless present (by `equal', or
COMPARE-FN), at the front or, with APPEND, at the end.  Return the value."
  (let ((present
         (cond ((null compare-fn) (member element (symbol-value list-var)))
               ((eq compare-fn #'eq) (memq element (symbol-value list-var)))
               ((eq compare-fn #'eql) (memql element (symbol-value list-var)))
               (t (let ((tail (symbol-value list-var)))
                    (while (and tail (not (funcall compare-fn element (car tail))))
                      (setq tail (cdr tail)))
                    tail)))))
    (if present
        (symbol-value list-var)
      (set list-var (if append
                        (append (symbol-value list-var) (list element))
                      (cons element (symbol-value list-var)))))))

(defun delete-dups (list)
  "Remove later `equal' duplicates from LIST, destructively; return LIST."
  (let ((n (length list)))
    (if (> n 100)
        ;; Long lists: remember what was seen in a hash table.
        (let ((seen (make-hash-table :test #'equal :size n))
              (tail list)
              next)
          (puthash (car list) t seen)
          (while (setq next (cdr tail))
            (if (gethash (car next) seen)
                (setcdr tail (cdr next))
              (puthash (car next) t seen)
              (setq tail next))))
      (let ((tail list))
        (while tail
          (setcdr tail (delete (car tail) (cdr tail)))
          (setq tail (cdr tail))))))
  list)
