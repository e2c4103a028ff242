;; The CSV byte scan (csvScan.ts `scanCsv`) as a WebAssembly kernel: the same loop, decision for
;; decision, so that its results equal the JavaScript scan's (a property test compares them on
;; random inputs). About 2 × faster than the JavaScript scan: the pool worker's scan competes less
;; with DuckDB's read when both cores are busy. A field's ordinary bytes beyond its first 16 are
;; skipped with SIMD masks of 64-byte blocks (special bytes, non-digits; needs WebAssembly SIMD, which
;; csvScanWasm.ts tests for); fields and records are handled one by one as in `scanCsv`. Measured:
;; the per-field and per-record work dominates on short fields (the masks alone were slower there
;; than the byte loop), the masks pay on long text fields. Assembled by
;; `npm run wasm` (wabt) into csvScanBytes.ts. The bytes must be followed by 64 readable bytes.
;;
;; Memory (set up by csvScanWasm.ts): byte tables at 0 (kind), 256 (blank), 512 (letter),
;; 768 (risky initials); results at 1024 (see csvScanWasm.ts); the record's classes, the class
;; counts (6 × i32 per column), the footer ring, the cuts and the bytes at the addresses passed.
(module
  (memory (export "memory") 1)

  (global $B (mut i32) (i32.const 0))
  (global $expected (mut i32) (i32.const 0))
  (global $skip (mut i32) (i32.const 0))
  (global $footer (mut i32) (i32.const 0))
  (global $chunk (mut i32) (i32.const 0))
  (global $cap (mut i32) (i32.const 0))
  (global $counts (mut i32) (i32.const 0))
  (global $ringMeta (mut i32) (i32.const 0))
  (global $ringCls (mut i32) (i32.const 0))
  (global $cuts (mut i32) (i32.const 0))
  (global $ncuts (mut i32) (i32.const 0))
  (global $ringHead (mut i32) (i32.const 0))
  (global $ringLen (mut i32) (i32.const 0))
  (global $nonBlank (mut i32) (i32.const 0))
  (global $bodyStart (mut i32) (i32.const 0))
  (global $nextCut (mut i32) (i32.const 0))
  (global $bodyRecords (mut i32) (i32.const 0))
  (global $maxFields (mut i32) (i32.const 0))
  (global $raggedCount (mut i32) (i32.const 0))
  (global $raggedStored (mut i32) (i32.const 0))
  ;; the delimiter in every lane; the masks of the current 64-byte block (bit k: byte base + k)
  (global $delimV (mut v128) (v128.const i64x2 0 0))
  (global $special (mut i64) (i64.const 0))
  (global $nondigit (mut i64) (i64.const 0))

  ;; The masks of the 64 bytes at $at, 16 per step: $special has a bit for each newline, CR, quote
  ;; and delimiter (the bytes the kind table marks > 1), $nondigit for each byte outside 0–9.
  (func $masks (param $at i32)
    (local $j i32) (local $v v128) (local $sp i64) (local $nd i64) (local $sh i64)
    (loop $quarter
      (local.set $v (v128.load (i32.add (local.get $at) (local.get $j))))
      (local.set $sh (i64.extend_i32_u (local.get $j)))
      (local.set $sp (i64.or (local.get $sp) (i64.shl (i64.extend_i32_u (i8x16.bitmask
        (v128.or
          (v128.or (i8x16.eq (local.get $v) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))
                   (i8x16.eq (local.get $v) (v128.const i8x16 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13)))
          (v128.or (i8x16.eq (local.get $v) (v128.const i8x16 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34))
                   (i8x16.eq (local.get $v) (global.get $delimV)))))) (local.get $sh))))
      (local.set $nd (i64.or (local.get $nd) (i64.shl (i64.extend_i32_u (i8x16.bitmask
        (i8x16.gt_u (i8x16.sub (local.get $v) (v128.const i8x16 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48))
                    (v128.const i8x16 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9)))) (local.get $sh))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br_if $quarter (i32.lt_u (local.get $j) (i32.const 64))))
    (global.set $special (local.get $sp))
    (global.set $nondigit (local.get $nd)))

  ;; a body record: class counts (unless `counted` while scanning), width, ragged rows (csvScan.ts `account`)
  (func $account (param $cls i32) (param $nf i32) (param $line i32) (param $counted i32)
    (local $j i32) (local $at i32)
    (global.set $bodyRecords (i32.add (global.get $bodyRecords) (i32.const 1)))
    (local.set $j (select (local.get $nf) (i32.const 0) (local.get $counted)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $j) (local.get $nf)))
        ;; counts[j·6 + cls[j]]++ (i32, 4 bytes each); the empty count (slot 0) is never read:
        ;; empty cells = body records − the other four classes
        (local.set $at (i32.add (global.get $counts) (i32.mul (local.get $j) (i32.const 24))))
        (i32.store (i32.add (local.get $at) (i32.shl (i32.load8_u (i32.add (local.get $cls) (local.get $j))) (i32.const 2)))
          (i32.add (i32.load (i32.add (local.get $at) (i32.shl (i32.load8_u (i32.add (local.get $cls) (local.get $j))) (i32.const 2)))) (i32.const 1)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $each)))
    (if (i32.gt_s (local.get $nf) (global.get $maxFields)) (then (global.set $maxFields (local.get $nf))))
    (if (i32.ne (local.get $nf) (global.get $expected))
      (then
        (global.set $raggedCount (i32.add (global.get $raggedCount) (i32.const 1)))
        (if (i32.lt_s (global.get $raggedStored) (i32.const 5))
          (then
            (i32.store offset=1088 (i32.shl (global.get $raggedStored) (i32.const 2)) (local.get $line))
            (i32.store offset=1120 (i32.shl (global.get $raggedStored) (i32.const 2)) (local.get $nf))
            (global.set $raggedStored (i32.add (global.get $raggedStored) (i32.const 1))))))))

  ;; a non-blank record [start, end) with nf fields has ended (csvScan.ts `record`); addresses absolute
  (func $record (param $rec i32) (param $nf i32) (param $start i32) (param $end i32) (param $line i32) (param $counted i32)
    (local $slot i32) (local $meta i32)
    (global.set $nonBlank (i32.add (global.get $nonBlank) (i32.const 1)))
    (if (i32.eq (global.get $nonBlank) (global.get $skip))
      (then (global.set $bodyStart (i32.sub (local.get $end) (global.get $B))) (return)))
    (if (i32.le_s (global.get $nonBlank) (global.get $skip)) (then (return)))
    (if (i32.lt_s (global.get $nextCut) (i32.const 0))
      (then (global.set $nextCut (i32.add (local.get $start) (global.get $chunk)))))
    (if (i32.ge_s (local.get $start) (global.get $nextCut))
      (then
        (i32.store (i32.add (global.get $cuts) (i32.shl (global.get $ncuts) (i32.const 2))) (i32.sub (local.get $start) (global.get $B)))
        (global.set $ncuts (i32.add (global.get $ncuts) (i32.const 1)))
        (global.set $nextCut (i32.add (local.get $start) (global.get $chunk)))))
    (if (i32.eqz (global.get $footer))
      (then (call $account (local.get $rec) (local.get $nf) (local.get $line) (local.get $counted)) (return)))
    ;; keep the last `footer` records aside: a full ring gives its oldest to the body first
    (if (i32.eq (global.get $ringLen) (global.get $footer))
      (then
        (local.set $slot (global.get $ringHead))
        (local.set $meta (i32.add (global.get $ringMeta) (i32.shl (local.get $slot) (i32.const 4))))
        (call $account (i32.add (global.get $ringCls) (i32.mul (local.get $slot) (global.get $cap)))
          (i32.load offset=4 (local.get $meta)) (i32.load offset=8 (local.get $meta)) (i32.const 0))
        (global.set $ringHead (i32.rem_u (i32.add (global.get $ringHead) (i32.const 1)) (global.get $footer))))
      (else
        (local.set $slot (i32.rem_u (i32.add (global.get $ringHead) (global.get $ringLen)) (global.get $footer)))
        (global.set $ringLen (i32.add (global.get $ringLen) (i32.const 1)))))
    (local.set $meta (i32.add (global.get $ringMeta) (i32.shl (local.get $slot) (i32.const 4))))
    (i32.store (local.get $meta) (i32.sub (local.get $start) (global.get $B)))
    (i32.store offset=4 (local.get $meta) (local.get $nf))
    (i32.store offset=8 (local.get $meta) (local.get $line))
    (memory.copy (i32.add (global.get $ringCls) (i32.mul (local.get $slot) (global.get $cap))) (local.get $rec) (local.get $nf)))

  ;; Scans bytes [B + start, B + n); returns 0, or 1 when a record has more than `cap` fields
  ;; (the caller then uses the JavaScript scan).
  (func (export "scan") (param $b0 i32) (param $n i32) (param $start i32) (param $skip i32) (param $footer i32)
        (param $expected i32) (param $chunk i32) (param $rec i32) (param $cap i32) (param $counts i32)
        (param $ringMeta i32) (param $ringCls i32) (param $cuts i32) (param $delim i32) (result i32)
    (local $i i32) (local $end i32) (local $s i32) (local $c i32) (local $nd i32) (local $fieldStart i32)
    (local $quoted i32) (local $fields i32) (local $content i32) (local $line i32) (local $padded i32)
    (local $recordStart i32) (local $recordLine i32) (local $blankLines i32) (local $open i32)
    (local $quoteLine i32) (local $k i32) (local $atStart i32) (local $fend i32) (local $len i32)
    (local $first i32) (local $last i32) (local $cls i32) (local $bb i32)
    (local $direct i32) (local $at i32)
    (local $base i32) (local $off i64) (local $m i64) (local $dd i64) (local $z i64) (local $p i32)
    (global.set $B (local.get $b0))
    (global.set $delimV (i8x16.splat (local.get $delim)))
    (global.set $expected (local.get $expected))
    (global.set $skip (local.get $skip))
    (global.set $footer (local.get $footer))
    (global.set $chunk (local.get $chunk))
    (global.set $cap (local.get $cap))
    (global.set $counts (local.get $counts))
    (global.set $ringMeta (local.get $ringMeta))
    (global.set $ringCls (local.get $ringCls))
    (global.set $cuts (local.get $cuts))
    (global.set $ncuts (i32.const 0))
    (global.set $ringHead (i32.const 0))
    (global.set $ringLen (i32.const 0))
    (global.set $nonBlank (i32.const 0))
    (global.set $bodyStart (select (local.get $start) (i32.const -1) (i32.eqz (local.get $skip))))
    (global.set $nextCut (i32.const -1))
    (global.set $bodyRecords (i32.const 0))
    (global.set $maxFields (i32.const 0))
    (global.set $raggedCount (i32.const 0))
    (global.set $raggedStored (i32.const 0))
    (local.set $end (i32.add (local.get $b0) (local.get $n)))
    (local.set $i (i32.add (local.get $b0) (local.get $start)))
    (local.set $line (i32.const 1))
    (local.set $recordStart (local.get $i))
    (local.set $recordLine (i32.const 1))
    (local.set $fieldStart (local.get $i))
    ;; without a footer, a record that starts once the skipped records are behind is body for sure
    ;; if it has content: its cells are counted as they are classified (a blank record's cells are
    ;; all empty, and the empty counts are not read)
    (local.set $direct (i32.and (i32.eqz (local.get $footer)) (i32.ge_s (global.get $nonBlank) (local.get $skip))))
    (block $scanned
      (loop $field
        ;; the ordinary bytes of a field: up to the first special byte (newline, CR, quote, delimiter),
        ;; found in the 64-byte block's masks; nd collects whether any byte before it is no digit
        (local.set $s (i32.const 0))
        (block $stop
          ;; most fields are short: the first 16 bytes one by one (as scanCsv), then by the masks
          (local.set $p (select (local.get $end) (i32.add (local.get $i) (i32.const 16))
            (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end))))
          (block $long
            (loop $short
              (br_if $long (i32.ge_u (local.get $i) (local.get $p)))
              (local.set $c (i32.load8_u (i32.load8_u (local.get $i))))
              (if (i32.gt_u (local.get $c) (i32.const 1))
                (then (local.set $s (i32.sub (local.get $c) (i32.const 1))) (br $stop)))
              (local.set $nd (i32.or (local.get $nd) (local.get $c)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $short)))
          (loop $bytes
            (br_if $stop (i32.ge_u (local.get $i) (local.get $end)))
            ;; i outside the current block (unsigned: also below it): the masks of i's block
            (if (i32.ge_u (i32.sub (local.get $i) (local.get $base)) (i32.const 64))
              (then
                (local.set $base (i32.sub (local.get $i) (i32.and (i32.sub (local.get $i) (local.get $b0)) (i32.const 63))))
                (call $masks (local.get $base))))
            (local.set $off (i64.extend_i32_u (i32.sub (local.get $i) (local.get $base))))
            (local.set $m (i64.shr_u (global.get $special) (local.get $off)))
            (local.set $dd (i64.shr_u (global.get $nondigit) (local.get $off)))
            (if (i64.ne (local.get $m) (i64.const 0))
              (then
                (local.set $z (i64.ctz (local.get $m)))
                (local.set $p (i32.add (local.get $i) (i32.wrap_i64 (local.get $z))))
                (if (i32.lt_u (local.get $p) (local.get $end))
                  (then
                    (local.set $nd (i32.or (local.get $nd)
                      (i64.ne (i64.and (local.get $dd) (i64.sub (i64.shl (i64.const 1) (local.get $z)) (i64.const 1))) (i64.const 0))))
                    (local.set $i (local.get $p))
                    (local.set $s (i32.sub (i32.load8_u (i32.load8_u (local.get $p))) (i32.const 1)))
                    (br $stop)))))
            ;; no special byte before the block's end (or the end of the bytes): all of it is ordinary
            (local.set $len (i32.sub (select (local.get $end) (i32.add (local.get $base) (i32.const 64))
              (i32.gt_u (i32.add (local.get $base) (i32.const 64)) (local.get $end))) (local.get $i)))
            (local.set $nd (i32.or (local.get $nd)
              (i64.ne (i64.and (local.get $dd) (i64.shr_u (i64.const -1) (i64.extend_i32_u (i32.sub (i32.const 64) (local.get $len))))) (i64.const 0))))
            (local.set $i (i32.add (local.get $i) (local.get $len)))
            (br $bytes)))
        ;; a quote opens a quoted field only at the field's start (after spaces at most)
        (if (i32.and (i32.lt_u (local.get $i) (local.get $end)) (i32.eq (local.get $s) (i32.const 4)))
          (then
            (local.set $nd (i32.const 1))
            (local.set $atStart (i32.eqz (local.get $quoted)))
            (local.set $k (local.get $fieldStart))
            (block $checked
              (loop $spaces
                (br_if $checked (i32.eqz (local.get $atStart)))
                (br_if $checked (i32.ge_u (local.get $k) (local.get $i)))
                (local.set $atStart (i32.eq (i32.load8_u (local.get $k)) (i32.const 32)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $spaces)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $field (i32.eqz (local.get $atStart)))
            (local.set $quoted (i32.const 1))
            (local.set $padded (i32.const 1))
            (local.set $quoteLine (local.get $line))
            (local.set $open (i32.const 1))
            (block $closed
              (loop $inside
                (br_if $closed (i32.ge_u (local.get $i) (local.get $end)))
                (local.set $bb (i32.load8_u (local.get $i)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (if (i32.eq (local.get $bb) (i32.const 34))
                  (then
                    (if (i32.and (i32.lt_u (local.get $i) (local.get $end)) (i32.eq (i32.load8_u (local.get $i)) (i32.const 34)))
                      (then (local.set $i (i32.add (local.get $i) (i32.const 1))))
                      (else (local.set $open (i32.const 0)) (br $closed))))
                  (else
                    (if (i32.eq (local.get $bb) (i32.const 10))
                      (then (local.set $line (i32.add (local.get $line) (i32.const 1)))))))
                (br $inside)))
            (br $field)))
        ;; CRLF: the newline ends the record
        (if (i32.and (i32.eq (local.get $s) (i32.const 2))
              (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
          (then
            (if (i32.eq (i32.load8_u offset=1 (local.get $i)) (i32.const 10))
              (then
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (local.set $s (i32.const 1))))))
        ;; the field [fieldStart, fend) has ended: classify it
        (local.set $fend (local.get $i))
        (if (i32.and (i32.eq (local.get $s) (i32.const 1)) (i32.gt_u (local.get $i) (local.get $fieldStart)))
          (then
            (if (i32.eq (i32.load8_u (i32.sub (local.get $i) (i32.const 1))) (i32.const 13))
              (then (local.set $fend (i32.sub (local.get $i) (i32.const 1)))))))
        (block $classified
          (if (local.get $quoted) (then (local.set $cls (i32.const 3)) (br $classified)))
          (local.set $len (i32.sub (local.get $fend) (local.get $fieldStart)))
          (if (i32.eqz (local.get $len)) (then (local.set $cls (i32.const 0)) (br $classified)))
          (local.set $first (i32.load8_u (local.get $fieldStart)))
          (local.set $last (i32.load8_u (i32.sub (local.get $fend) (i32.const 1))))
          (if (i32.or (i32.load8_u offset=256 (local.get $first)) (i32.load8_u offset=256 (local.get $last)))
            (then (local.set $padded (i32.const 1))))
          ;; digits: at most 15 and nothing else (a quote or CR inside a field is never a digit)
          (if (i32.and (i32.le_s (local.get $len) (i32.const 15)) (i32.eqz (local.get $nd)))
            (then
              (local.set $cls (select (i32.const 2) (i32.const 1)
                (i32.and (i32.eq (local.get $first) (i32.const 48)) (i32.gt_s (local.get $len) (i32.const 1)))))
              (br $classified)))
          (if (i32.or (i32.eqz (i32.load8_u offset=512 (local.get $first))) (i32.load8_u offset=256 (local.get $last)))
            (then (local.set $cls (i32.const 3)) (br $classified)))
          ;; "x" alone means "not applicable"
          (if (i32.or (i32.eq (local.get $first) (i32.const 120)) (i32.eq (local.get $first) (i32.const 88)))
            (then (local.set $cls (select (i32.const 4) (i32.const 3) (i32.gt_s (local.get $len) (i32.const 1)))) (br $classified)))
          ;; short words with the initials of missing symbols and yes/no words need the SQL rules
          (local.set $cls (select (i32.const 4) (i32.const 3)
            (i32.or (i32.or (i32.eqz (i32.load8_u offset=768 (local.get $first))) (i32.eq (local.get $len) (i32.const 1)))
              (i32.gt_s (local.get $len) (i32.const 6))))))
        (if (local.get $cls) (then (local.set $content (i32.const 1))))
        (if (i32.ge_u (local.get $fields) (local.get $cap)) (then (return (i32.const 1))))
        (if (local.get $direct)
          (then
            (local.set $at (i32.add (global.get $counts) (i32.add (i32.mul (local.get $fields) (i32.const 24)) (i32.shl (local.get $cls) (i32.const 2)))))
            (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1))))
          (else (i32.store8 (i32.add (local.get $rec) (local.get $fields)) (local.get $cls))))
        (local.set $fields (i32.add (local.get $fields) (i32.const 1)))
        (local.set $quoted (i32.const 0))
        (local.set $nd (i32.const 0))
        (if (i32.eq (local.get $s) (i32.const 3))
          (then
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (local.set $fieldStart (local.get $i))
            (br $field)))
        ;; end of the record (newline, CR or end of file)
        (if (i32.eq (local.get $s) (i32.const 1)) (then (local.set $line (i32.add (local.get $line) (i32.const 1)))))
        (if (i32.lt_u (local.get $i) (local.get $end)) (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))
        ;; a record of only delimiters is as blank as an empty line
        (if (local.get $content)
          (then (call $record (local.get $rec) (local.get $fields) (local.get $recordStart) (local.get $i) (local.get $recordLine) (local.get $direct)))
          (else
            (if (i32.and (i32.ge_s (global.get $bodyStart) (i32.const 0)) (i32.gt_u (local.get $i) (local.get $recordStart)))
              (then (local.set $blankLines (i32.add (local.get $blankLines) (i32.const 1)))))))
        (local.set $recordStart (local.get $i))
        (local.set $fieldStart (local.get $i))
        (local.set $recordLine (local.get $line))
        (local.set $fields (i32.const 0))
        (local.set $content (i32.const 0))
        (local.set $direct (i32.and (i32.eqz (local.get $footer)) (i32.ge_s (global.get $nonBlank) (local.get $skip))))
        (br_if $field (i32.lt_u (local.get $i) (local.get $end)))))
    (i32.store offset=1024 (i32.const 0) (global.get $bodyStart))
    (i32.store offset=1028 (i32.const 0) (global.get $bodyRecords))
    (i32.store offset=1032 (i32.const 0) (global.get $maxFields))
    (i32.store offset=1036 (i32.const 0) (global.get $raggedCount))
    (i32.store offset=1040 (i32.const 0) (global.get $raggedStored))
    (i32.store offset=1044 (i32.const 0) (local.get $open))
    (i32.store offset=1048 (i32.const 0) (local.get $quoteLine))
    (i32.store offset=1052 (i32.const 0) (local.get $padded))
    (i32.store offset=1056 (i32.const 0) (local.get $blankLines))
    (i32.store offset=1060 (i32.const 0) (global.get $ncuts))
    (i32.store offset=1064 (i32.const 0) (global.get $ringLen))
    (i32.store offset=1068 (i32.const 0)
      (i32.load (i32.add (global.get $ringMeta) (i32.shl (global.get $ringHead) (i32.const 4)))))
    (i32.const 0))
)
