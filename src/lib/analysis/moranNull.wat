;; The global Moran permutation null (moranNull.ts) as a WebAssembly kernel: the same four
;; Fisher–Yates shuffles on one xoshiro128** stream with Lemire's bounded integers, and the same
;; pass over the symmetric upper triangle, operation for operation — the results equal the
;; JavaScript kernel bit for bit (no fused multiply-add; each SIMD lane is one permutation).
;; The four copies are interleaved (area i's values at cp + 32·i), so one pass loads two copies
;; per 128-bit load. Assembled by `npm run wasm` (wabt) into moranNullWasm.ts.
;;
;; Memory (set up by moranNullWasm.ts): the generator state (4 × i32) at 0; the interleaved
;; copies at $cp; offsets (i32, n + 1) at $off; neighbours (i32) at $nb; weights (f64) at $wt;
;; the round sums (f64, a multiple of 4) at $outp.
(module
  (memory (export "memory") 1)

  ;; Shuffles copy $c (0–3) of the interleaved copies in place, drawing from the state at 0.
  (func $shuffle (param $n i32) (param $base i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32)
    (local $i i32) (local $bound i32) (local $x i32) (local $u i32) (local $t i32)
    (local $m i64) (local $j i32) (local $lo i32) (local $pi i32) (local $pj i32) (local $tmp f64)
    (local.set $a (i32.load (i32.const 0)))
    (local.set $b (i32.load (i32.const 4)))
    (local.set $c (i32.load (i32.const 8)))
    (local.set $d (i32.load (i32.const 12)))
    (local.set $i (i32.sub (local.get $n) (i32.const 1)))
    (block $done
      (loop $each
        (br_if $done (i32.le_s (local.get $i) (i32.const 0)))
        (local.set $bound (i32.add (local.get $i) (i32.const 1)))
        (block $drawn
          (loop $draw
            ;; xoshiro128** output from b, then the state update
            (local.set $x (i32.mul (local.get $b) (i32.const 5)))
            (local.set $u (i32.mul (i32.rotl (local.get $x) (i32.const 7)) (i32.const 9)))
            (local.set $t (i32.shl (local.get $b) (i32.const 9)))
            (local.set $c (i32.xor (local.get $c) (local.get $a)))
            (local.set $d (i32.xor (local.get $d) (local.get $b)))
            (local.set $b (i32.xor (local.get $b) (local.get $c)))
            (local.set $a (i32.xor (local.get $a) (local.get $d)))
            (local.set $c (i32.xor (local.get $c) (local.get $t)))
            (local.set $d (i32.rotl (local.get $d) (i32.const 11)))
            ;; Lemire: u · bound = j · 2^32 + lo; reject the low products that favour small j
            (local.set $m (i64.mul (i64.extend_i32_u (local.get $u)) (i64.extend_i32_u (local.get $bound))))
            (local.set $j (i32.wrap_i64 (i64.shr_u (local.get $m) (i64.const 32))))
            (local.set $lo (i32.wrap_i64 (local.get $m)))
            (br_if $drawn (i32.ge_u (local.get $lo) (local.get $bound)))
            (br_if $drawn (i32.ge_u (local.get $lo)
              (i32.rem_u (i32.sub (i32.const 0) (local.get $bound)) (local.get $bound))))
            (br $draw)))
        (local.set $pi (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 5))))
        (local.set $pj (i32.add (local.get $base) (i32.shl (local.get $j) (i32.const 5))))
        (local.set $tmp (f64.load (local.get $pi)))
        (f64.store (local.get $pi) (f64.load (local.get $pj)))
        (f64.store (local.get $pj) (local.get $tmp))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br $each)))
    (i32.store (i32.const 0) (local.get $a))
    (i32.store (i32.const 4) (local.get $b))
    (i32.store (i32.const 8) (local.get $c))
    (i32.store (i32.const 12) (local.get $d))
  )

  ;; z'Wz of the four copies in one pass over the upper triangle; sums stored at $out (4 × f64).
  (func $pass (param $n i32) (param $cp i32) (param $off i32) (param $nb i32) (param $wt i32) (param $out i32)
    (local $i i32) (local $k i32) (local $e i32) (local $pj i32) (local $pj2 i32) (local $pi i32)
    (local $x v128) (local $x2 v128)
    (local $lab v128) (local $lcd v128) (local $sab v128) (local $scd v128)
    (local.set $sab (f64x2.splat (f64.const 0)))
    (local.set $scd (f64x2.splat (f64.const 0)))
    (local.set $k (i32.load (local.get $off)))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $e (i32.load (i32.add (local.get $off) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2)))))
        (local.set $lab (f64x2.splat (f64.const 0)))
        (local.set $lcd (f64x2.splat (f64.const 0)))
        ;; two links per step: l += x·v[j] + x2·v[j2]
        (block $pairsDone
          (loop $pair
            (br_if $pairsDone (i32.ge_s (i32.add (local.get $k) (i32.const 1)) (local.get $e)))
            (local.set $pj (i32.add (local.get $cp)
              (i32.shl (i32.load (i32.add (local.get $nb) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 5))))
            (local.set $pj2 (i32.add (local.get $cp)
              (i32.shl (i32.load offset=4 (i32.add (local.get $nb) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 5))))
            (local.set $x (f64x2.splat (f64.load (i32.add (local.get $wt) (i32.shl (local.get $k) (i32.const 3))))))
            (local.set $x2 (f64x2.splat (f64.load offset=8 (i32.add (local.get $wt) (i32.shl (local.get $k) (i32.const 3))))))
            (local.set $lab (f64x2.add (local.get $lab)
              (f64x2.add (f64x2.mul (local.get $x) (v128.load (local.get $pj)))
                         (f64x2.mul (local.get $x2) (v128.load (local.get $pj2))))))
            (local.set $lcd (f64x2.add (local.get $lcd)
              (f64x2.add (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $pj)))
                         (f64x2.mul (local.get $x2) (v128.load offset=16 (local.get $pj2))))))
            (local.set $k (i32.add (local.get $k) (i32.const 2)))
            (br $pair)))
        ;; an odd last link
        (if (i32.lt_s (local.get $k) (local.get $e))
          (then
            (local.set $pj (i32.add (local.get $cp)
              (i32.shl (i32.load (i32.add (local.get $nb) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 5))))
            (local.set $x (f64x2.splat (f64.load (i32.add (local.get $wt) (i32.shl (local.get $k) (i32.const 3))))))
            (local.set $lab (f64x2.add (local.get $lab) (f64x2.mul (local.get $x) (v128.load (local.get $pj)))))
            (local.set $lcd (f64x2.add (local.get $lcd) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $pj)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))))
        (local.set $pi (i32.add (local.get $cp) (i32.shl (local.get $i) (i32.const 5))))
        (local.set $sab (f64x2.add (local.get $sab) (f64x2.mul (v128.load (local.get $pi)) (local.get $lab))))
        (local.set $scd (f64x2.add (local.get $scd) (f64x2.mul (v128.load offset=16 (local.get $pi)) (local.get $lcd))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $row)))
    (v128.store (local.get $out) (local.get $sab))
    (v128.store offset=16 (local.get $out) (local.get $scd))
  )

  ;; $count permutations (rounded up to a multiple of 4): before each round the four copies are
  ;; shuffled in turn (copy 0 first), then one pass; round r's sums at $outp + 32·r.
  (func (export "chunk") (param $n i32) (param $count i32) (param $cp i32) (param $off i32)
        (param $nb i32) (param $wt i32) (param $outp i32)
    (local $r i32)
    (block $done
      (loop $round
        (br_if $done (i32.ge_s (local.get $r) (local.get $count)))
        (call $shuffle (local.get $n) (local.get $cp))
        (call $shuffle (local.get $n) (i32.add (local.get $cp) (i32.const 8)))
        (call $shuffle (local.get $n) (i32.add (local.get $cp) (i32.const 16)))
        (call $shuffle (local.get $n) (i32.add (local.get $cp) (i32.const 24)))
        (call $pass (local.get $n) (local.get $cp) (local.get $off) (local.get $nb) (local.get $wt)
          (i32.add (local.get $outp) (i32.shl (local.get $r) (i32.const 3))))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $round)))
  )
)
