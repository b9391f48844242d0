;; read-events.el -- read-char, read-event and read-char-exclusive in batch
;; mode: events come from `unread-command-events' (with its wrappers), a
;; non-character is an error for read-char and skipped by
;; read-char-exclusive, and with nothing to read they return nil once
;; SECONDS have passed (GNU Emacs 30.1 does not read standard input here).
(let ((unread-command-events (list ?a ?b))) (list (read-char) (read-event) unread-command-events))
(let ((unread-command-events (list 'foo ?b))) (list (condition-case e (read-char) (error e)) unread-command-events))
(let ((unread-command-events (list 'foo ?b))) (list (read-char-exclusive) unread-command-events))
(let ((unread-command-events (list 'foo ?b))) (list (read-event) unread-command-events))
(let ((unread-command-events (list '(t . ?x) '(no-record . ?y) '(?z . disabled) '(foo . disabled) ?b))) (list (read-event) (read-event) (read-event) (read-event) unread-command-events))
(let ((unread-command-events (list (+ ?a (ash 1 27)) (ash 1 30)))) (list (read-char) (read-char)))
(let ((unread-command-events (list ?a))) (list (read-char "prompt: ") (read-char nil nil 0.01)))
(list (read-event nil nil 0) (read-char-exclusive nil nil 0.01) (read-char nil t 0) (read-char nil nil -5) (read-event nil nil 1.0e-3))
(condition-case e (read-char 5) (error e))
(let ((unread-command-events (list 'foo))) (list (condition-case e (read-char) (error e)) unread-command-events))
(let ((unread-command-events (list "ab"))) (list (read-event) unread-command-events))
(let ((unread-command-events (list [?a]))) (list (read-event) unread-command-events))
(let ((unread-command-events (list (list 'mouse-1 nil) ?c))) (list (condition-case e (read-char) (error e)) unread-command-events))
(let ((unread-command-events (list -1 1.5))) (list (read-char) (read-event) unread-command-events))
(let ((unread-command-events (list ?a)) (last-input-event nil)) (list (read-char) last-input-event))
(let ((unread-command-events (list 'cft-ret ?q))) (put 'cft-ret 'event-symbol-element-mask '(cft-base 0)) (put 'cft-base 'ascii-character 13) (list (read-char) (read-char)))
(let ((unread-command-events (list 'cft-cret))) (put 'cft-cret 'event-symbol-element-mask (list 'cft-base (ash 1 26))) (list (read-char) unread-command-events))
(let ((unread-command-events (list 'cft-sym ?w))) (put 'cft-sym 'event-symbol-element-mask '(cft-nobase 0)) (list (read-char-exclusive) (read-event nil nil 0)))
(let ((unread-command-events (list ?a))) (list (condition-case e (read-char "x" nil 'y) (error e))))
(let ((unread-command-events ?a)) (list (read-event nil nil 0) unread-command-events))
(list (special-variable-p 'unread-command-events) (special-variable-p 'last-input-event) (read-char-exclusive "" nil 0))
(condition-case e (let ((unread-command-events (list 'rev-bad-mask ?q))) (put 'rev-bad-mask 'event-symbol-element-mask (list (make-marker) 0)) (read-char)) (error e))
