// dg_hard in posit32: 22 kernels, 18 distinct; library: posit32 + quire32 + quire division + soft f64 (elided)

// ==== 3-dense-narrow.wgsl: 3-dense-narrow, 7-dense-narrow, 12-dense-narrow
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> w: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<u32>;
@group(0) @binding(3) var<storage, read> bias: array<u32>;
@group(0) @binding(4) var<storage, read_write> y: array<u32>;

const TN = 64u;
const TB = 1u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl;
  var acc0_0: Quire;
  q_clear(&acc0_0);
  if (oj0 < NOUT && sb0 < run.batch) {
    q_add_posit(&acc0_0, bias[oj0]);
  }
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 32u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = x[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl) * TK + c];
        q_fma(&acc0_0, w0, x0);
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    y[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
}

// ==== 3-dense-wide.wgsl: 3-dense-wide, 7-dense-wide, 12-dense-wide
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> w: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<u32>;
@group(0) @binding(3) var<storage, read> bias: array<u32>;
@group(0) @binding(4) var<storage, read_write> y: array<u32>;

const TN = 64u;
const TB = 4u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 128>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl * 4u;
  let sb1 = b0 + bl * 4u + 1u;
  let sb2 = b0 + bl * 4u + 2u;
  let sb3 = b0 + bl * 4u + 3u;
  var acc0_0: Quire;
  var acc0_1: Quire;
  var acc0_2: Quire;
  var acc0_3: Quire;
  q_clear(&acc0_0);
  if (oj0 < NOUT && sb0 < run.batch) {
    q_add_posit(&acc0_0, bias[oj0]);
  }
  q_clear(&acc0_1);
  if (oj0 < NOUT && sb1 < run.batch) {
    q_add_posit(&acc0_1, bias[oj0]);
  }
  q_clear(&acc0_2);
  if (oj0 < NOUT && sb2 < run.batch) {
    q_add_posit(&acc0_2, bias[oj0]);
  }
  q_clear(&acc0_3);
  if (oj0 < NOUT && sb3 < run.batch) {
    q_add_posit(&acc0_3, bias[oj0]);
  }
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 128u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = x[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl * 4u) * TK + c];
        q_fma(&acc0_0, w0, x0);
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        q_fma(&acc0_1, w0, x1);
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        q_fma(&acc0_2, w0, x2);
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        q_fma(&acc0_3, w0, x3);
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    y[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
  if (oj0 < NOUT && sb1 < run.batch) {
    y[sb1 * NOUT + oj0] = q_to_p32(&acc0_1);
  }
  if (oj0 < NOUT && sb2 < run.batch) {
    y[sb2 * NOUT + oj0] = q_to_p32(&acc0_2);
  }
  if (oj0 < NOUT && sb3 < run.batch) {
    y[sb3 * NOUT + oj0] = q_to_p32(&acc0_3);
  }
}

// ==== 4-activation.wgsl: 4-activation
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read_write> y: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  y[i] = select(0u, x[i], bitcast<i32>(x[i]) > 0 || x[i] == P32_NAR);
}

// ==== 8-gate.wgsl: 8-gate
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> z: array<u32>;
@group(0) @binding(2) var<storage, read_write> m: array<u32>;
@group(0) @binding(3) var<storage, read_write> relaxed: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  let zv = p32_to_sf64(z[i]);
  let arg = zv;
  let sv = sf64_to_p32(sf64_sigmoid(arg));
  let on = (bitcast<i32>(z[i]) >= -8388608i);
  m[i] = select(0u, P32_ONE, on);
  relaxed[i] = select(sv, P32_ONE, on);
}

// ==== 9-mul.wgsl: 9-mul
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> a: array<u32>;
@group(0) @binding(2) var<storage, read> bb: array<u32>;
@group(0) @binding(3) var<storage, read_write> y: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  y[i] = p32_mul(a[i], bb[i]);
}

// ==== 15-crossentropy.wgsl: 15-crossentropy
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> z: array<u32>;
@group(0) @binding(2) var<storage, read> labels: array<u32>;
@group(0) @binding(3) var<storage, read_write> y: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let C = run.dims.x;
  let b = gid.x;
  if (b >= run.batch) {
    return;
  }
  let base = b * C;
  var m = vec2<u32>(0xfff00000u, 0x00000000u);
  for (var k = 0u; k < C; k++) {
    let v = p32_to_sf64(z[base + k]);
    if (sf64_is_nan(v)) {
      m = v;
      break;
    }
    if (sf64_gt(v, m)) {
      m = v;
    }
  }
  var s = vec2<u32>(0x00000000u, 0x00000000u);
  for (var it = 0u; it < 1u * C; it++) {
    let phase = it / C;
    let k = it % C;
    let e = sf64_exp(sf64_sub(p32_to_sf64(z[base + k]), m));
    if (phase == 0u) {
      s = sf64_add(s, e);
    }
  }
  y[b] = sf64_to_p32(sf64_sub(select(sf64_add(m, sf64_log(s)), m, sf64_is_inf(m)), p32_to_sf64(z[base + labels[b]])));
}

// ==== 16-mean.wgsl: 16-mean
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read_write> y: array<u32>;

@compute @workgroup_size(1)
fn main() {
  var acc: Quire;
  q_clear(&acc);
  for (var b = 0u; b < run.batch; b++) {
    q_add_posit(&acc, x[b]);
  }
  y[0] = q_to_p32_div(&acc, run.batch);
}

// ==== t3-dense-narrow.wgsl: t3-dense-narrow
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> db: array<u32>;
@group(0) @binding(2) var<storage, read> dw: array<u32>;
@group(0) @binding(3) var<storage, read> xp: array<u32>;
@group(0) @binding(4) var<storage, read> gate0: array<u32>;
@group(0) @binding(5) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 1u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 32>;

fn inactive(b: u32, j: u32) -> bool {
  let NOUT = run.dims.y;
  return gate0[b * NOUT + j] == 0u;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl;
  var acc0_0: Quire;
  q_clear(&acc0_0);
  if (oj0 < NOUT && sb0 < run.batch && inactive(sb0, oj0)) {
    q_add_posit(&acc0_0, db[oj0]);
  }
  let inact0_0 = oj0 < NOUT && sb0 < run.batch && inactive(sb0, oj0);
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = dw[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 32u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = xp[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl) * TK + c];
        if (inact0_0) {
          q_fma(&acc0_0, w0, x0);
        }
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
}

// ==== t3-dense-wide.wgsl: t3-dense-wide
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> db: array<u32>;
@group(0) @binding(2) var<storage, read> dw: array<u32>;
@group(0) @binding(3) var<storage, read> xp: array<u32>;
@group(0) @binding(4) var<storage, read> gate0: array<u32>;
@group(0) @binding(5) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 4u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 128>;

fn inactive(b: u32, j: u32) -> bool {
  let NOUT = run.dims.y;
  return gate0[b * NOUT + j] == 0u;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl * 4u;
  let sb1 = b0 + bl * 4u + 1u;
  let sb2 = b0 + bl * 4u + 2u;
  let sb3 = b0 + bl * 4u + 3u;
  var acc0_0: Quire;
  var acc0_1: Quire;
  var acc0_2: Quire;
  var acc0_3: Quire;
  q_clear(&acc0_0);
  if (oj0 < NOUT && sb0 < run.batch && inactive(sb0, oj0)) {
    q_add_posit(&acc0_0, db[oj0]);
  }
  q_clear(&acc0_1);
  if (oj0 < NOUT && sb1 < run.batch && inactive(sb1, oj0)) {
    q_add_posit(&acc0_1, db[oj0]);
  }
  q_clear(&acc0_2);
  if (oj0 < NOUT && sb2 < run.batch && inactive(sb2, oj0)) {
    q_add_posit(&acc0_2, db[oj0]);
  }
  q_clear(&acc0_3);
  if (oj0 < NOUT && sb3 < run.batch && inactive(sb3, oj0)) {
    q_add_posit(&acc0_3, db[oj0]);
  }
  let inact0_0 = oj0 < NOUT && sb0 < run.batch && inactive(sb0, oj0);
  let inact0_1 = oj0 < NOUT && sb1 < run.batch && inactive(sb1, oj0);
  let inact0_2 = oj0 < NOUT && sb2 < run.batch && inactive(sb2, oj0);
  let inact0_3 = oj0 < NOUT && sb3 < run.batch && inactive(sb3, oj0);
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = dw[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 128u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = xp[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl * 4u) * TK + c];
        if (inact0_0) {
          q_fma(&acc0_0, w0, x0);
        }
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        if (inact0_1) {
          q_fma(&acc0_1, w0, x1);
        }
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        if (inact0_2) {
          q_fma(&acc0_2, w0, x2);
        }
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        if (inact0_3) {
          q_fma(&acc0_3, w0, x3);
        }
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
  if (oj0 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj0] = q_to_p32(&acc0_1);
  }
  if (oj0 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj0] = q_to_p32(&acc0_2);
  }
  if (oj0 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj0] = q_to_p32(&acc0_3);
  }
}

// ==== t4-activation.wgsl: t4-activation
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> dx: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<u32>;
@group(0) @binding(3) var<storage, read_write> dy: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  dy[i] = select(0u, dx[i], (bitcast<i32>(x[i]) > 0));
}

// ==== t7-dense-narrow.wgsl: t7-dense-narrow
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> db: array<u32>;
@group(0) @binding(2) var<storage, read> w: array<u32>;
@group(0) @binding(3) var<storage, read> dx: array<u32>;
@group(0) @binding(4) var<storage, read> dw: array<u32>;
@group(0) @binding(5) var<storage, read> xp: array<u32>;
@group(0) @binding(6) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 1u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl;
  var acc0_0: Quire;
  q_clear(&acc0_0);
  if (oj0 < NOUT && sb0 < run.batch) {
    q_add_posit(&acc0_0, db[oj0]);
  }
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 32u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = dx[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl) * TK + c];
        q_fma(&acc0_0, w0, x0);
      }
    }
    workgroupBarrier();
  }
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = dw[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 32u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = xp[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl) * TK + c];
        q_fma(&acc0_0, w0, x0);
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
}

// ==== t7-dense-wide.wgsl: t7-dense-wide
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> db: array<u32>;
@group(0) @binding(2) var<storage, read> w: array<u32>;
@group(0) @binding(3) var<storage, read> dx: array<u32>;
@group(0) @binding(4) var<storage, read> dw: array<u32>;
@group(0) @binding(5) var<storage, read> xp: array<u32>;
@group(0) @binding(6) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 4u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 128>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl * 4u;
  let sb1 = b0 + bl * 4u + 1u;
  let sb2 = b0 + bl * 4u + 2u;
  let sb3 = b0 + bl * 4u + 3u;
  var acc0_0: Quire;
  var acc0_1: Quire;
  var acc0_2: Quire;
  var acc0_3: Quire;
  q_clear(&acc0_0);
  if (oj0 < NOUT && sb0 < run.batch) {
    q_add_posit(&acc0_0, db[oj0]);
  }
  q_clear(&acc0_1);
  if (oj0 < NOUT && sb1 < run.batch) {
    q_add_posit(&acc0_1, db[oj0]);
  }
  q_clear(&acc0_2);
  if (oj0 < NOUT && sb2 < run.batch) {
    q_add_posit(&acc0_2, db[oj0]);
  }
  q_clear(&acc0_3);
  if (oj0 < NOUT && sb3 < run.batch) {
    q_add_posit(&acc0_3, db[oj0]);
  }
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 128u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = dx[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl * 4u) * TK + c];
        q_fma(&acc0_0, w0, x0);
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        q_fma(&acc0_1, w0, x1);
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        q_fma(&acc0_2, w0, x2);
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        q_fma(&acc0_3, w0, x3);
      }
    }
    workgroupBarrier();
  }
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = dw[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 128u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = xp[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl * 4u) * TK + c];
        q_fma(&acc0_0, w0, x0);
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        q_fma(&acc0_1, w0, x1);
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        q_fma(&acc0_2, w0, x2);
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        q_fma(&acc0_3, w0, x3);
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
  if (oj0 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj0] = q_to_p32(&acc0_1);
  }
  if (oj0 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj0] = q_to_p32(&acc0_2);
  }
  if (oj0 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj0] = q_to_p32(&acc0_3);
  }
}

// ==== t8-gate.wgsl: t8-gate
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> dz: array<u32>;
@group(0) @binding(2) var<storage, read> z: array<u32>;
@group(0) @binding(3) var<storage, read_write> dy: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  let zv = p32_to_sf64(z[i]);
  let sv = sf64_sigmoid(zv);
  var factor = sf64_mul(sv, sf64_sub(vec2<u32>(0x3ff00000u, 0x00000000u), sv));
  dy[i] = sf64_to_p32(sf64_mul(factor, p32_to_sf64(dz[i])));
}

// ==== t9-mul.wgsl: t9-mul
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> da: array<u32>;
@group(0) @binding(2) var<storage, read> bb: array<u32>;
@group(0) @binding(3) var<storage, read> a: array<u32>;
@group(0) @binding(4) var<storage, read> db: array<u32>;
@group(0) @binding(5) var<storage, read_write> dy: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  var acc: Quire;
  q_clear(&acc);
  q_fma(&acc, da[i], bb[i]);
  q_fma(&acc, a[i], db[i]);
  dy[i] = q_to_p32(&acc);
}

// ==== t12-dense-narrow.wgsl: t12-dense-narrow
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> w: array<u32>;
@group(0) @binding(2) var<storage, read> dx: array<u32>;
@group(0) @binding(3) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 1u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl;
  var acc0_0: Quire;
  q_clear(&acc0_0);
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 32u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = dx[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl) * TK + c];
        q_fma(&acc0_0, w0, x0);
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
}

// ==== t12-dense-wide.wgsl: t12-dense-wide
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> w: array<u32>;
@group(0) @binding(2) var<storage, read> dx: array<u32>;
@group(0) @binding(3) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 4u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 128>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl * 4u;
  let sb1 = b0 + bl * 4u + 1u;
  let sb2 = b0 + bl * 4u + 2u;
  let sb3 = b0 + bl * 4u + 3u;
  var acc0_0: Quire;
  var acc0_1: Quire;
  var acc0_2: Quire;
  var acc0_3: Quire;
  q_clear(&acc0_0);
  q_clear(&acc0_1);
  q_clear(&acc0_2);
  q_clear(&acc0_3);
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 128u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = dx[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl * 4u) * TK + c];
        q_fma(&acc0_0, w0, x0);
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        q_fma(&acc0_1, w0, x1);
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        q_fma(&acc0_2, w0, x2);
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        q_fma(&acc0_3, w0, x3);
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
  if (oj0 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj0] = q_to_p32(&acc0_1);
  }
  if (oj0 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj0] = q_to_p32(&acc0_2);
  }
  if (oj0 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj0] = q_to_p32(&acc0_3);
  }
}

// ==== t15-crossentropy.wgsl: t15-crossentropy
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> dz: array<u32>;
@group(0) @binding(2) var<storage, read> z: array<u32>;
@group(0) @binding(3) var<storage, read> labels: array<u32>;
@group(0) @binding(4) var<storage, read_write> dy: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let C = run.dims.x;
  let b = gid.x;
  if (b >= run.batch) {
    return;
  }
  let base = b * C;
  var acc = vec2<u32>(0x00000000u, 0x00000000u);
  var m = vec2<u32>(0xfff00000u, 0x00000000u);
  for (var k = 0u; k < C; k++) {
    let v = p32_to_sf64(z[base + k]);
    if (sf64_is_nan(v)) {
      m = v;
      break;
    }
    if (sf64_gt(v, m)) {
      m = v;
    }
  }
  var s = vec2<u32>(0x00000000u, 0x00000000u);
  for (var it = 0u; it < 2u * C; it++) {
    let phase = it / C;
    let k = it % C;
    let e = sf64_exp(sf64_sub(p32_to_sf64(z[base + k]), m));
    if (phase == 0u) {
      s = sf64_add(s, e);
    } else {
      let p = sf64_div(e, s);
      if (phase == 1u) {
        acc = sf64_add(acc, sf64_mul(sf64_sub(p, select(vec2<u32>(0x00000000u, 0x00000000u), vec2<u32>(0x3ff00000u, 0x00000000u), k == labels[b])), p32_to_sf64(dz[base + k])));
      }
    }
  }
  dy[b] = sf64_to_p32(acc);
}

// ==== t16-mean.wgsl: t16-mean
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> dx: array<u32>;
@group(0) @binding(2) var<storage, read_write> dy: array<u32>;

@compute @workgroup_size(1)
fn main() {
  var acc: Quire;
  q_clear(&acc);
  for (var b = 0u; b < run.batch; b++) {
    q_add_posit(&acc, dx[b]);
  }
  dy[0] = q_to_p32_div(&acc, run.batch);
}

// ==== dispatch order: kernel (batches) dims [..] grid (x, y) bindings
// 3-dense-narrow (B >= 1) dims [784, 256] grid (4, ceil(B/1)) w=v1 x=v0 bias=v2 y=v3
// 3-dense-wide (B >= 4) dims [784, 256] grid (4, ceil(B/4)) w=v1 x=v0 bias=v2 y=v3
// 4-activation dims [256] grid (4, ceil(B/1)) x=v3 y=v4
// 7-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/1)) w=v5 x=v4 bias=v6 y=v7
// 7-dense-wide (B >= 4) dims [256, 256] grid (4, ceil(B/4)) w=v5 x=v4 bias=v6 y=v7
// 8-gate dims [256] grid (4, ceil(B/1)) z=v7 m=v8 relaxed=r8
// 9-mul dims [256] grid (4, ceil(B/1)) a=v4 bb=v8 y=v9
// 12-dense-narrow (B >= 1) dims [256, 10] grid (1, ceil(B/1)) w=v10 x=v9 bias=v11 y=v12
// 12-dense-wide (B >= 4) dims [256, 10] grid (1, ceil(B/4)) w=v10 x=v9 bias=v11 y=v12
// 15-crossentropy dims [10] grid (ceil(B/64), 1) z=v12 labels=v14 y=v15
// 16-mean dims [] grid (1, 1) x=v15 y=v16
// t3-dense-narrow (B >= 1) dims [784, 256] grid (4, ceil(B/1)) db=t2 dw=t1 xp=v0 gate0=v8 dy=t3
// t3-dense-wide (B >= 4) dims [784, 256] grid (4, ceil(B/4)) db=t2 dw=t1 xp=v0 gate0=v8 dy=t3
// t4-activation dims [256] grid (4, ceil(B/1)) dx=t3 x=v3 dy=t4
// t7-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/1)) db=t6 w=v5 dx=t4 dw=t5 xp=v4 dy=t7
// t7-dense-wide (B >= 4) dims [256, 256] grid (4, ceil(B/4)) db=t6 w=v5 dx=t4 dw=t5 xp=v4 dy=t7
// t8-gate dims [256] grid (4, ceil(B/1)) dz=t7 z=v7 dy=t8
// t9-mul dims [256] grid (4, ceil(B/1)) da=t4 bb=r8 a=v4 db=t8 dy=t9
// t12-dense-narrow (B >= 1) dims [256, 10] grid (1, ceil(B/1)) w=v10 dx=t9 dy=t12
// t12-dense-wide (B >= 4) dims [256, 10] grid (1, ceil(B/4)) w=v10 dx=t9 dy=t12
// t15-crossentropy dims [10] grid (ceil(B/64), 1) dz=t12 z=v12 labels=v14 dy=t15
// t16-mean dims [] grid (1, 1) dx=t15 dy=t16
