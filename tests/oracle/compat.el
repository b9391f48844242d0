;;; compat.el --- the compat protocol, run by GNU Emacs 30.1 itself  -*- lexical-binding: t -*-
;;
;; Usage: emacs -Q --batch -l tests/oracle/compat.el FILE > FILE.tsv
;;
;; Reads the top-level forms of FILE one at a time and evaluates each with
;; (eval FORM t) inside a condition-case catching t.  For form N (from 1) it
;; prints one line: N<TAB>OK<TAB>(prin1 VALUE) or N<TAB>ERR<TAB>(prin1 ERR),
;; with print-escape-newlines bound to t.  A read error ends the file with an
;; ERR line for the form that could not be read.  Output is encoded with
;; utf-8-emacs, so raw bytes come out as single bytes; `enoki compat` writes
;; exactly the same bytes.
(defun enoki-oracle--emit (line)
  (let ((coding-system-for-write 'utf-8-emacs-unix))
    (write-region (concat line "\n") nil "/dev/stdout" t 'silent)))

(defun enoki-oracle--show (object)
  (let ((print-escape-newlines t))
    (prin1-to-string object)))

(let* ((file (pop command-line-args-left))
       (source (with-temp-buffer
                 (let ((coding-system-for-read 'utf-8-emacs-unix))
                   (insert-file-contents file))
                 (buffer-string)))
       (pos 0)
       (n 0))
  (catch 'done
    (while t
      (let (form)
        (condition-case err
            (let ((r (read-from-string source pos)))
              (setq form (car r) pos (cdr r)))
          (end-of-file (throw 'done nil))
          (error (setq n (1+ n))
                 (enoki-oracle--emit (format "%d\tERR\t%s" n (enoki-oracle--show err)))
                 (throw 'done nil)))
        (setq n (1+ n))
        (enoki-oracle--emit
         (condition-case err
             (format "%d\tOK\t%s" n (enoki-oracle--show (eval form t)))
           (t (format "%d\tERR\t%s" n (enoki-oracle--show err)))))))))
