(module
 (type $0 (func (param i32 i32) (result i32)))
 (type $1 (func (param i32 i32 i32 i32)))
 (memory $0 1 65536)
 (export "memory" (memory $0))
 (export "p8_mul" (func $p8_mul))
 (export "p8_mul_arr" (func $p8_mul_arr))
 (func $p8_mul (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i64)
  (local $8 i64)
  (local $9 i64)
  (local $10 i64)
  (local $11 i64)
  (local $12 i64)
  (local $13 i64)
  (local $14 i32)
  (local $15 i32)
  (local $16 i64)
  (local $17 i64)
  (local $18 i64)
  (local $19 i64)
  (local $20 i64)
  (local $21 i64)
  (local $22 i64)
  (local $23 i64)
  (local $24 i64)
  (local $25 i64)
  (local $26 i64)
  (local $27 i32)
  (local $28 i32)
  (local $29 i64)
  (local $30 i64)
  (local $31 i64)
  (local $32 i64)
  (local $33 i64)
  (local $34 i64)
  (local $35 i32)
  (local.set $2
   (local.get $0)
  )
  (local.set $3
   (local.get $1)
  )
  (block $mul0
   (if
    (i32.or
     (i32.eqz
      (i32.shl
       (local.get $2)
       (i32.const 25)
      )
     )
     (i32.eqz
      (i32.shl
       (local.get $3)
       (i32.const 25)
      )
     )
    )
    (then
     (local.set $4
      (select
       (i32.const 128)
       (i32.const 0)
       (i32.or
        (i32.eq
         (local.get $2)
         (i32.const 128)
        )
        (i32.eq
         (local.get $3)
         (i32.const 128)
        )
       )
      )
     )
     (br $mul0)
    )
   )
   (local.set $5
    (i32.shl
     (local.get $2)
     (i32.const 24)
    )
   )
   (local.set $6
    (i32.shr_s
     (local.get $5)
     (i32.const 31)
    )
   )
   (local.set $7
    (i64.shl
     (i64.extend_i32_u
      (i32.sub
       (i32.xor
        (local.get $5)
        (local.get $6)
       )
       (local.get $6)
      )
     )
     (i64.const 32)
    )
   )
   (local.set $8
    (i64.shl
     (local.get $7)
     (i64.const 1)
    )
   )
   (local.set $9
    (i64.shr_s
     (local.get $8)
     (i64.const 63)
    )
   )
   (local.set $10
    (i64.clz
     (i64.xor
      (local.get $8)
      (local.get $9)
     )
    )
   )
   (local.set $11
    (i64.shl
     (local.get $8)
     (i64.add
      (local.get $10)
      (i64.const 1)
     )
    )
   )
   (local.set $12
    (i64.add
     (i64.shl
      (i64.xor
       (local.get $9)
       (i64.sub
        (i64.const 0)
        (local.get $10)
       )
      )
      (i64.const 2)
     )
     (i64.shr_u
      (local.get $11)
      (i64.const 62)
     )
    )
   )
   (local.set $13
    (i64.or
     (i64.shr_u
      (i64.shl
       (local.get $11)
       (i64.const 2)
      )
      (i64.const 61)
     )
     (i64.const 8)
    )
   )
   (local.set $14
    (i32.shl
     (local.get $3)
     (i32.const 24)
    )
   )
   (local.set $15
    (i32.shr_s
     (local.get $14)
     (i32.const 31)
    )
   )
   (local.set $16
    (i64.shl
     (i64.extend_i32_u
      (i32.sub
       (i32.xor
        (local.get $14)
        (local.get $15)
       )
       (local.get $15)
      )
     )
     (i64.const 32)
    )
   )
   (local.set $17
    (i64.shl
     (local.get $16)
     (i64.const 1)
    )
   )
   (local.set $18
    (i64.shr_s
     (local.get $17)
     (i64.const 63)
    )
   )
   (local.set $19
    (i64.clz
     (i64.xor
      (local.get $17)
      (local.get $18)
     )
    )
   )
   (local.set $20
    (i64.shl
     (local.get $17)
     (i64.add
      (local.get $19)
      (i64.const 1)
     )
    )
   )
   (local.set $21
    (i64.add
     (i64.shl
      (i64.xor
       (local.get $18)
       (i64.sub
        (i64.const 0)
        (local.get $19)
       )
      )
      (i64.const 2)
     )
     (i64.shr_u
      (local.get $20)
      (i64.const 62)
     )
    )
   )
   (local.set $22
    (i64.or
     (i64.shr_u
      (i64.shl
       (local.get $20)
       (i64.const 2)
      )
      (i64.const 61)
     )
     (i64.const 8)
    )
   )
   (local.set $23
    (i64.mul
     (local.get $13)
     (local.get $22)
    )
   )
   (local.set $24
    (i64.clz
     (local.get $23)
    )
   )
   (block $pack1
    (local.set $25
     (i64.add
      (i64.add
       (local.get $12)
       (local.get $21)
      )
      (i64.sub
       (i64.const 57)
       (local.get $24)
      )
     )
    )
    (local.set $26
     (i64.shl
      (local.get $23)
      (i64.add
       (local.get $24)
       (i64.const 1)
      )
     )
    )
    (local.set $27
     (i32.shr_s
      (i32.shl
       (i32.xor
        (local.get $2)
        (local.get $3)
       )
       (i32.const 24)
      )
      (i32.const 31)
     )
    )
    (if
     (i64.gt_u
      (i64.sub
       (local.get $25)
       (i64.const -24)
      )
      (i64.const 48)
     )
     (then
      (local.set $28
       (i32.and
        (i32.sub
         (i32.xor
          (select
           (i32.const 127)
           (i32.const 1)
           (i64.gt_s
            (local.get $25)
            (i64.const 0)
           )
          )
          (local.get $27)
         )
         (local.get $27)
        )
        (i32.const 255)
       )
      )
      (br $pack1)
     )
    )
    (local.set $29
     (i64.shr_s
      (local.get $25)
      (i64.const 2)
     )
    )
    (local.set $30
     (i64.shr_s
      (local.get $29)
      (i64.const 63)
     )
    )
    (local.set $31
     (i64.xor
      (local.get $29)
      (local.get $30)
     )
    )
    (local.set $32
     (i64.shr_u
      (i64.shl
       (local.get $25)
       (i64.const 62)
      )
      (i64.const 2)
     )
    )
    (local.set $33
     (i64.or
      (i64.or
       (i64.xor
        (i64.shl
         (local.get $30)
         (i64.const 62)
        )
        (i64.const -9223372036854775808)
       )
       (local.get $32)
      )
      (i64.shr_u
       (local.get $26)
       (i64.const 4)
      )
     )
    )
    (local.set $34
     (i64.shr_s
      (local.get $33)
      (local.get $31)
     )
    )
    (local.set $35
     (i32.wrap_i64
      (i64.shr_u
       (local.get $34)
       (i64.const 57)
      )
     )
    )
    (local.set $35
     (i32.add
      (local.get $35)
      (i32.and
       (i32.wrap_i64
        (i64.shr_u
         (local.get $34)
         (i64.const 56)
        )
       )
       (i32.and
        (i32.or
         (i64.lt_u
          (i64.ctz
           (local.get $33)
          )
          (i64.add
           (local.get $31)
           (i64.const 56)
          )
         )
         (local.get $35)
        )
        (i32.const 1)
       )
      )
     )
    )
    (local.set $28
     (i32.and
      (i32.sub
       (i32.xor
        (local.get $35)
        (local.get $27)
       )
       (local.get $27)
      )
      (i32.const 255)
     )
    )
   )
   (local.set $4
    (local.get $28)
   )
  )
  (local.get $4)
 )
 (func $p8_mul_arr (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i64)
  (local $11 i64)
  (local $12 i64)
  (local $13 i64)
  (local $14 i64)
  (local $15 i64)
  (local $16 i64)
  (local $17 i32)
  (local $18 i32)
  (local $19 i64)
  (local $20 i64)
  (local $21 i64)
  (local $22 i64)
  (local $23 i64)
  (local $24 i64)
  (local $25 i64)
  (local $26 i64)
  (local $27 i64)
  (local $28 i64)
  (local $29 i64)
  (local $30 i32)
  (local $31 i32)
  (local $32 i64)
  (local $33 i64)
  (local $34 i64)
  (local $35 i64)
  (local $36 i64)
  (local $37 i64)
  (local $38 i32)
  (block $exit0
   (br_if $exit0
    (i32.eqz
     (local.get $3)
    )
   )
   (local.set $4
    (i32.add
     (local.get $0)
     (i32.mul
      (local.get $3)
      (i32.const 1)
     )
    )
   )
   (loop $loop1
    (local.set $5
     (i32.load8_u
      (local.get $0)
     )
    )
    (local.set $6
     (i32.load8_u
      (local.get $1)
     )
    )
    (block $mul2
     (if
      (i32.or
       (i32.eqz
        (i32.shl
         (local.get $5)
         (i32.const 25)
        )
       )
       (i32.eqz
        (i32.shl
         (local.get $6)
         (i32.const 25)
        )
       )
      )
      (then
       (local.set $7
        (select
         (i32.const 128)
         (i32.const 0)
         (i32.or
          (i32.eq
           (local.get $5)
           (i32.const 128)
          )
          (i32.eq
           (local.get $6)
           (i32.const 128)
          )
         )
        )
       )
       (br $mul2)
      )
     )
     (local.set $8
      (i32.shl
       (local.get $5)
       (i32.const 24)
      )
     )
     (local.set $9
      (i32.shr_s
       (local.get $8)
       (i32.const 31)
      )
     )
     (local.set $10
      (i64.shl
       (i64.extend_i32_u
        (i32.sub
         (i32.xor
          (local.get $8)
          (local.get $9)
         )
         (local.get $9)
        )
       )
       (i64.const 32)
      )
     )
     (local.set $11
      (i64.shl
       (local.get $10)
       (i64.const 1)
      )
     )
     (local.set $12
      (i64.shr_s
       (local.get $11)
       (i64.const 63)
      )
     )
     (local.set $13
      (i64.clz
       (i64.xor
        (local.get $11)
        (local.get $12)
       )
      )
     )
     (local.set $14
      (i64.shl
       (local.get $11)
       (i64.add
        (local.get $13)
        (i64.const 1)
       )
      )
     )
     (local.set $15
      (i64.add
       (i64.shl
        (i64.xor
         (local.get $12)
         (i64.sub
          (i64.const 0)
          (local.get $13)
         )
        )
        (i64.const 2)
       )
       (i64.shr_u
        (local.get $14)
        (i64.const 62)
       )
      )
     )
     (local.set $16
      (i64.or
       (i64.shr_u
        (i64.shl
         (local.get $14)
         (i64.const 2)
        )
        (i64.const 61)
       )
       (i64.const 8)
      )
     )
     (local.set $17
      (i32.shl
       (local.get $6)
       (i32.const 24)
      )
     )
     (local.set $18
      (i32.shr_s
       (local.get $17)
       (i32.const 31)
      )
     )
     (local.set $19
      (i64.shl
       (i64.extend_i32_u
        (i32.sub
         (i32.xor
          (local.get $17)
          (local.get $18)
         )
         (local.get $18)
        )
       )
       (i64.const 32)
      )
     )
     (local.set $20
      (i64.shl
       (local.get $19)
       (i64.const 1)
      )
     )
     (local.set $21
      (i64.shr_s
       (local.get $20)
       (i64.const 63)
      )
     )
     (local.set $22
      (i64.clz
       (i64.xor
        (local.get $20)
        (local.get $21)
       )
      )
     )
     (local.set $23
      (i64.shl
       (local.get $20)
       (i64.add
        (local.get $22)
        (i64.const 1)
       )
      )
     )
     (local.set $24
      (i64.add
       (i64.shl
        (i64.xor
         (local.get $21)
         (i64.sub
          (i64.const 0)
          (local.get $22)
         )
        )
        (i64.const 2)
       )
       (i64.shr_u
        (local.get $23)
        (i64.const 62)
       )
      )
     )
     (local.set $25
      (i64.or
       (i64.shr_u
        (i64.shl
         (local.get $23)
         (i64.const 2)
        )
        (i64.const 61)
       )
       (i64.const 8)
      )
     )
     (local.set $26
      (i64.mul
       (local.get $16)
       (local.get $25)
      )
     )
     (local.set $27
      (i64.clz
       (local.get $26)
      )
     )
     (block $pack3
      (local.set $28
       (i64.add
        (i64.add
         (local.get $15)
         (local.get $24)
        )
        (i64.sub
         (i64.const 57)
         (local.get $27)
        )
       )
      )
      (local.set $29
       (i64.shl
        (local.get $26)
        (i64.add
         (local.get $27)
         (i64.const 1)
        )
       )
      )
      (local.set $30
       (i32.shr_s
        (i32.shl
         (i32.xor
          (local.get $5)
          (local.get $6)
         )
         (i32.const 24)
        )
        (i32.const 31)
       )
      )
      (if
       (i64.gt_u
        (i64.sub
         (local.get $28)
         (i64.const -24)
        )
        (i64.const 48)
       )
       (then
        (local.set $31
         (i32.and
          (i32.sub
           (i32.xor
            (select
             (i32.const 127)
             (i32.const 1)
             (i64.gt_s
              (local.get $28)
              (i64.const 0)
             )
            )
            (local.get $30)
           )
           (local.get $30)
          )
          (i32.const 255)
         )
        )
        (br $pack3)
       )
      )
      (local.set $32
       (i64.shr_s
        (local.get $28)
        (i64.const 2)
       )
      )
      (local.set $33
       (i64.shr_s
        (local.get $32)
        (i64.const 63)
       )
      )
      (local.set $34
       (i64.xor
        (local.get $32)
        (local.get $33)
       )
      )
      (local.set $35
       (i64.shr_u
        (i64.shl
         (local.get $28)
         (i64.const 62)
        )
        (i64.const 2)
       )
      )
      (local.set $36
       (i64.or
        (i64.or
         (i64.xor
          (i64.shl
           (local.get $33)
           (i64.const 62)
          )
          (i64.const -9223372036854775808)
         )
         (local.get $35)
        )
        (i64.shr_u
         (local.get $29)
         (i64.const 4)
        )
       )
      )
      (local.set $37
       (i64.shr_s
        (local.get $36)
        (local.get $34)
       )
      )
      (local.set $38
       (i32.wrap_i64
        (i64.shr_u
         (local.get $37)
         (i64.const 57)
        )
       )
      )
      (local.set $38
       (i32.add
        (local.get $38)
        (i32.and
         (i32.wrap_i64
          (i64.shr_u
           (local.get $37)
           (i64.const 56)
          )
         )
         (i32.and
          (i32.or
           (i64.lt_u
            (i64.ctz
             (local.get $36)
            )
            (i64.add
             (local.get $34)
             (i64.const 56)
            )
           )
           (local.get $38)
          )
          (i32.const 1)
         )
        )
       )
      )
      (local.set $31
       (i32.and
        (i32.sub
         (i32.xor
          (local.get $38)
          (local.get $30)
         )
         (local.get $30)
        )
        (i32.const 255)
       )
      )
     )
     (local.set $7
      (local.get $31)
     )
    )
    (i32.store8
     (local.get $2)
     (local.get $7)
    )
    (local.set $0
     (i32.add
      (local.get $0)
      (i32.const 1)
     )
    )
    (local.set $1
     (i32.add
      (local.get $1)
      (i32.const 1)
     )
    )
    (local.set $2
     (i32.add
      (local.get $2)
      (i32.const 1)
     )
    )
    (br_if $loop1
     (i32.ne
      (local.get $0)
      (local.get $4)
     )
    )
   )
  )
 )
)
