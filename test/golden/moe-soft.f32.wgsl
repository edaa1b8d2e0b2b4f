// moe_soft in f32: 31 kernels, 15 distinct; library: none

// ==== 3-dense-narrow.wgsl: 3-dense-narrow, 7-dense-narrow, 11-dense-narrow, 15-dense-narrow, 19-dense-narrow, 23-dense-narrow, 28-dense-narrow
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
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

const TN = 64u;
const TB = 4u;
const TK = 32u;
var<workgroup> wt: array<f32, 2048>;
var<workgroup> xt: array<f32, 128>;

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
  var acc0_0: f32;
  var acc0_1: f32;
  var acc0_2: f32;
  var acc0_3: f32;
  acc0_0 = 0.0;
  if (oj0 < NOUT && sb0 < run.batch) {
    acc0_0 = acc0_0 + bias[oj0];
  }
  acc0_1 = 0.0;
  if (oj0 < NOUT && sb1 < run.batch) {
    acc0_1 = acc0_1 + bias[oj0];
  }
  acc0_2 = 0.0;
  if (oj0 < NOUT && sb2 < run.batch) {
    acc0_2 = acc0_2 + bias[oj0];
  }
  acc0_3 = 0.0;
  if (oj0 < NOUT && sb3 < run.batch) {
    acc0_3 = acc0_3 + bias[oj0];
  }
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0.0;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 128u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0.0;
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
        acc0_0 = acc0_0 + w0 * x0;
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        acc0_1 = acc0_1 + w0 * x1;
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        acc0_2 = acc0_2 + w0 * x2;
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        acc0_3 = acc0_3 + w0 * x3;
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    y[sb0 * NOUT + oj0] = acc0_0;
  }
  if (oj0 < NOUT && sb1 < run.batch) {
    y[sb1 * NOUT + oj0] = acc0_1;
  }
  if (oj0 < NOUT && sb2 < run.batch) {
    y[sb2 * NOUT + oj0] = acc0_2;
  }
  if (oj0 < NOUT && sb3 < run.batch) {
    y[sb3 * NOUT + oj0] = acc0_3;
  }
}

// ==== 3-dense-wide.wgsl: 3-dense-wide, 7-dense-wide, 11-dense-wide, 15-dense-wide, 19-dense-wide, 23-dense-wide, 28-dense-wide
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
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

const TN = 64u;
const TB = 16u;
const TK = 32u;
var<workgroup> wt: array<f32, 2048>;
var<workgroup> xt: array<f32, 512>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 16u;
  let bl = t / 16u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let oj1 = j0 + 16u + jl;
  let oj2 = j0 + 32u + jl;
  let oj3 = j0 + 48u + jl;
  let sb0 = b0 + bl * 4u;
  let sb1 = b0 + bl * 4u + 1u;
  let sb2 = b0 + bl * 4u + 2u;
  let sb3 = b0 + bl * 4u + 3u;
  var acc0_0: f32;
  var acc0_1: f32;
  var acc0_2: f32;
  var acc0_3: f32;
  var acc1_0: f32;
  var acc1_1: f32;
  var acc1_2: f32;
  var acc1_3: f32;
  var acc2_0: f32;
  var acc2_1: f32;
  var acc2_2: f32;
  var acc2_3: f32;
  var acc3_0: f32;
  var acc3_1: f32;
  var acc3_2: f32;
  var acc3_3: f32;
  acc0_0 = 0.0;
  if (oj0 < NOUT && sb0 < run.batch) {
    acc0_0 = acc0_0 + bias[oj0];
  }
  acc0_1 = 0.0;
  if (oj0 < NOUT && sb1 < run.batch) {
    acc0_1 = acc0_1 + bias[oj0];
  }
  acc0_2 = 0.0;
  if (oj0 < NOUT && sb2 < run.batch) {
    acc0_2 = acc0_2 + bias[oj0];
  }
  acc0_3 = 0.0;
  if (oj0 < NOUT && sb3 < run.batch) {
    acc0_3 = acc0_3 + bias[oj0];
  }
  acc1_0 = 0.0;
  if (oj1 < NOUT && sb0 < run.batch) {
    acc1_0 = acc1_0 + bias[oj1];
  }
  acc1_1 = 0.0;
  if (oj1 < NOUT && sb1 < run.batch) {
    acc1_1 = acc1_1 + bias[oj1];
  }
  acc1_2 = 0.0;
  if (oj1 < NOUT && sb2 < run.batch) {
    acc1_2 = acc1_2 + bias[oj1];
  }
  acc1_3 = 0.0;
  if (oj1 < NOUT && sb3 < run.batch) {
    acc1_3 = acc1_3 + bias[oj1];
  }
  acc2_0 = 0.0;
  if (oj2 < NOUT && sb0 < run.batch) {
    acc2_0 = acc2_0 + bias[oj2];
  }
  acc2_1 = 0.0;
  if (oj2 < NOUT && sb1 < run.batch) {
    acc2_1 = acc2_1 + bias[oj2];
  }
  acc2_2 = 0.0;
  if (oj2 < NOUT && sb2 < run.batch) {
    acc2_2 = acc2_2 + bias[oj2];
  }
  acc2_3 = 0.0;
  if (oj2 < NOUT && sb3 < run.batch) {
    acc2_3 = acc2_3 + bias[oj2];
  }
  acc3_0 = 0.0;
  if (oj3 < NOUT && sb0 < run.batch) {
    acc3_0 = acc3_0 + bias[oj3];
  }
  acc3_1 = 0.0;
  if (oj3 < NOUT && sb1 < run.batch) {
    acc3_1 = acc3_1 + bias[oj3];
  }
  acc3_2 = 0.0;
  if (oj3 < NOUT && sb2 < run.batch) {
    acc3_2 = acc3_2 + bias[oj3];
  }
  acc3_3 = 0.0;
  if (oj3 < NOUT && sb3 < run.batch) {
    acc3_3 = acc3_3 + bias[oj3];
  }
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0.0;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 512u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0.0;
      if (r < nb && k < NIN) {
        v = x[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      let w1 = wt[c * TN + 16u + jl];
      let w2 = wt[c * TN + 32u + jl];
      let w3 = wt[c * TN + 48u + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl * 4u) * TK + c];
        acc0_0 = acc0_0 + w0 * x0;
        acc1_0 = acc1_0 + w1 * x0;
        acc2_0 = acc2_0 + w2 * x0;
        acc3_0 = acc3_0 + w3 * x0;
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        acc0_1 = acc0_1 + w0 * x1;
        acc1_1 = acc1_1 + w1 * x1;
        acc2_1 = acc2_1 + w2 * x1;
        acc3_1 = acc3_1 + w3 * x1;
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        acc0_2 = acc0_2 + w0 * x2;
        acc1_2 = acc1_2 + w1 * x2;
        acc2_2 = acc2_2 + w2 * x2;
        acc3_2 = acc3_2 + w3 * x2;
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        acc0_3 = acc0_3 + w0 * x3;
        acc1_3 = acc1_3 + w1 * x3;
        acc2_3 = acc2_3 + w2 * x3;
        acc3_3 = acc3_3 + w3 * x3;
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    y[sb0 * NOUT + oj0] = acc0_0;
  }
  if (oj0 < NOUT && sb1 < run.batch) {
    y[sb1 * NOUT + oj0] = acc0_1;
  }
  if (oj0 < NOUT && sb2 < run.batch) {
    y[sb2 * NOUT + oj0] = acc0_2;
  }
  if (oj0 < NOUT && sb3 < run.batch) {
    y[sb3 * NOUT + oj0] = acc0_3;
  }
  if (oj1 < NOUT && sb0 < run.batch) {
    y[sb0 * NOUT + oj1] = acc1_0;
  }
  if (oj1 < NOUT && sb1 < run.batch) {
    y[sb1 * NOUT + oj1] = acc1_1;
  }
  if (oj1 < NOUT && sb2 < run.batch) {
    y[sb2 * NOUT + oj1] = acc1_2;
  }
  if (oj1 < NOUT && sb3 < run.batch) {
    y[sb3 * NOUT + oj1] = acc1_3;
  }
  if (oj2 < NOUT && sb0 < run.batch) {
    y[sb0 * NOUT + oj2] = acc2_0;
  }
  if (oj2 < NOUT && sb1 < run.batch) {
    y[sb1 * NOUT + oj2] = acc2_1;
  }
  if (oj2 < NOUT && sb2 < run.batch) {
    y[sb2 * NOUT + oj2] = acc2_2;
  }
  if (oj2 < NOUT && sb3 < run.batch) {
    y[sb3 * NOUT + oj2] = acc2_3;
  }
  if (oj3 < NOUT && sb0 < run.batch) {
    y[sb0 * NOUT + oj3] = acc3_0;
  }
  if (oj3 < NOUT && sb1 < run.batch) {
    y[sb1 * NOUT + oj3] = acc3_1;
  }
  if (oj3 < NOUT && sb2 < run.batch) {
    y[sb2 * NOUT + oj3] = acc3_2;
  }
  if (oj3 < NOUT && sb3 < run.batch) {
    y[sb3 * NOUT + oj3] = acc3_3;
  }
}

// ==== 4-activation.wgsl: 4-activation, 12-activation, 16-activation, 20-activation, 24-activation
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
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  y[i] = select(0.0, x[i], x[i] > 0.0 || x[i] != x[i]);
}

// ==== 8-softmax.wgsl: 8-softmax
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
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

fn f32_tanh(x: f32) -> f32 {
  let e = exp(-2.0 * abs(x));
  return sign(x) * (1.0 - e) / (1.0 + e);
}

fn f32_sigmoid(x: f32) -> f32 {
  let e = exp(-abs(x));
  return select(e / (1.0 + e), 1.0 / (1.0 + e), x >= 0.0);
}

fn f32_gelu(x: f32) -> f32 {
  return 0.5 * x * (1.0 + f32_tanh(bitcast<f32>(0x3f4c422au) * (x + bitcast<f32>(0x3d372713u) * (x * x * x))));
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let C = run.dims.x;
  let b = gid.x;
  if (b >= run.batch) {
    return;
  }
  let base = b * C;
  var m = bitcast<f32>(0xff7fffffu);
  for (var k = 0u; k < C; k++) {
    let v = x[base + k];
    if ((v != v)) {
      m = v;
      break;
    }
    if ((v > m)) {
      m = v;
    }
  }
  var s = 0.0;
  for (var it = 0u; it < 2u * C; it++) {
    let phase = it / C;
    let k = it % C;
    let e = exp((x[base + k] - m));
    if (phase == 0u) {
      s = (s + e);
    } else {
      let p = (e / s);
      if (phase == 1u) {
        y[base + k] = p;
      }
    }
  }
}

// ==== 25-combine.wgsl: 25-combine
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
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read> e0: array<f32>;
@group(0) @binding(3) var<storage, read> e1: array<f32>;
@group(0) @binding(4) var<storage, read> e2: array<f32>;
@group(0) @binding(5) var<storage, read> e3: array<f32>;
@group(0) @binding(6) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  var acc: f32;
  acc = 0.0;
  acc = acc + w[b * 4u + 0u] * e0[i];
  acc = acc + w[b * 4u + 1u] * e1[i];
  acc = acc + w[b * 4u + 2u] * e2[i];
  acc = acc + w[b * 4u + 3u] * e3[i];
  y[i] = acc;
}

// ==== 31-crossentropy.wgsl: 31-crossentropy
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
@group(0) @binding(1) var<storage, read> z: array<f32>;
@group(0) @binding(2) var<storage, read> labels: array<u32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

fn f32_tanh(x: f32) -> f32 {
  let e = exp(-2.0 * abs(x));
  return sign(x) * (1.0 - e) / (1.0 + e);
}

fn f32_sigmoid(x: f32) -> f32 {
  let e = exp(-abs(x));
  return select(e / (1.0 + e), 1.0 / (1.0 + e), x >= 0.0);
}

fn f32_gelu(x: f32) -> f32 {
  return 0.5 * x * (1.0 + f32_tanh(bitcast<f32>(0x3f4c422au) * (x + bitcast<f32>(0x3d372713u) * (x * x * x))));
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let C = run.dims.x;
  let b = gid.x;
  if (b >= run.batch) {
    return;
  }
  let base = b * C;
  var m = bitcast<f32>(0xff7fffffu);
  for (var k = 0u; k < C; k++) {
    let v = z[base + k];
    if ((v != v)) {
      m = v;
      break;
    }
    if ((v > m)) {
      m = v;
    }
  }
  var s = 0.0;
  for (var it = 0u; it < 1u * C; it++) {
    let phase = it / C;
    let k = it % C;
    let e = exp((z[base + k] - m));
    if (phase == 0u) {
      s = (s + e);
    }
  }
  y[b] = (select((m + log(s)), m, (abs(m) > bitcast<f32>(0x7f7fffffu))) - z[base + labels[b]]);
}

// ==== 32-mean.wgsl: 32-mean
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
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(1)
fn main() {
  var acc: f32;
  acc = 0.0;
  for (var b = 0u; b < run.batch; b++) {
    acc = acc + x[b];
  }
  y[0] = (acc / f32(run.batch));
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
@group(0) @binding(1) var<storage, read> db: array<f32>;
@group(0) @binding(2) var<storage, read> dw: array<f32>;
@group(0) @binding(3) var<storage, read> xp: array<f32>;
@group(0) @binding(4) var<storage, read_write> dy: array<f32>;

const TN = 64u;
const TB = 4u;
const TK = 32u;
var<workgroup> wt: array<f32, 2048>;
var<workgroup> xt: array<f32, 128>;

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
  var acc0_0: f32;
  var acc0_1: f32;
  var acc0_2: f32;
  var acc0_3: f32;
  acc0_0 = 0.0;
  if (oj0 < NOUT && sb0 < run.batch) {
    acc0_0 = acc0_0 + db[oj0];
  }
  acc0_1 = 0.0;
  if (oj0 < NOUT && sb1 < run.batch) {
    acc0_1 = acc0_1 + db[oj0];
  }
  acc0_2 = 0.0;
  if (oj0 < NOUT && sb2 < run.batch) {
    acc0_2 = acc0_2 + db[oj0];
  }
  acc0_3 = 0.0;
  if (oj0 < NOUT && sb3 < run.batch) {
    acc0_3 = acc0_3 + db[oj0];
  }
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0.0;
      if (j0 + row < NOUT && k < NIN) {
        v = dw[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 128u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0.0;
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
        acc0_0 = acc0_0 + w0 * x0;
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        acc0_1 = acc0_1 + w0 * x1;
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        acc0_2 = acc0_2 + w0 * x2;
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        acc0_3 = acc0_3 + w0 * x3;
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = acc0_0;
  }
  if (oj0 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj0] = acc0_1;
  }
  if (oj0 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj0] = acc0_2;
  }
  if (oj0 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj0] = acc0_3;
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
@group(0) @binding(1) var<storage, read> db: array<f32>;
@group(0) @binding(2) var<storage, read> dw: array<f32>;
@group(0) @binding(3) var<storage, read> xp: array<f32>;
@group(0) @binding(4) var<storage, read_write> dy: array<f32>;

const TN = 64u;
const TB = 16u;
const TK = 32u;
var<workgroup> wt: array<f32, 2048>;
var<workgroup> xt: array<f32, 512>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 16u;
  let bl = t / 16u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let oj1 = j0 + 16u + jl;
  let oj2 = j0 + 32u + jl;
  let oj3 = j0 + 48u + jl;
  let sb0 = b0 + bl * 4u;
  let sb1 = b0 + bl * 4u + 1u;
  let sb2 = b0 + bl * 4u + 2u;
  let sb3 = b0 + bl * 4u + 3u;
  var acc0_0: f32;
  var acc0_1: f32;
  var acc0_2: f32;
  var acc0_3: f32;
  var acc1_0: f32;
  var acc1_1: f32;
  var acc1_2: f32;
  var acc1_3: f32;
  var acc2_0: f32;
  var acc2_1: f32;
  var acc2_2: f32;
  var acc2_3: f32;
  var acc3_0: f32;
  var acc3_1: f32;
  var acc3_2: f32;
  var acc3_3: f32;
  acc0_0 = 0.0;
  if (oj0 < NOUT && sb0 < run.batch) {
    acc0_0 = acc0_0 + db[oj0];
  }
  acc0_1 = 0.0;
  if (oj0 < NOUT && sb1 < run.batch) {
    acc0_1 = acc0_1 + db[oj0];
  }
  acc0_2 = 0.0;
  if (oj0 < NOUT && sb2 < run.batch) {
    acc0_2 = acc0_2 + db[oj0];
  }
  acc0_3 = 0.0;
  if (oj0 < NOUT && sb3 < run.batch) {
    acc0_3 = acc0_3 + db[oj0];
  }
  acc1_0 = 0.0;
  if (oj1 < NOUT && sb0 < run.batch) {
    acc1_0 = acc1_0 + db[oj1];
  }
  acc1_1 = 0.0;
  if (oj1 < NOUT && sb1 < run.batch) {
    acc1_1 = acc1_1 + db[oj1];
  }
  acc1_2 = 0.0;
  if (oj1 < NOUT && sb2 < run.batch) {
    acc1_2 = acc1_2 + db[oj1];
  }
  acc1_3 = 0.0;
  if (oj1 < NOUT && sb3 < run.batch) {
    acc1_3 = acc1_3 + db[oj1];
  }
  acc2_0 = 0.0;
  if (oj2 < NOUT && sb0 < run.batch) {
    acc2_0 = acc2_0 + db[oj2];
  }
  acc2_1 = 0.0;
  if (oj2 < NOUT && sb1 < run.batch) {
    acc2_1 = acc2_1 + db[oj2];
  }
  acc2_2 = 0.0;
  if (oj2 < NOUT && sb2 < run.batch) {
    acc2_2 = acc2_2 + db[oj2];
  }
  acc2_3 = 0.0;
  if (oj2 < NOUT && sb3 < run.batch) {
    acc2_3 = acc2_3 + db[oj2];
  }
  acc3_0 = 0.0;
  if (oj3 < NOUT && sb0 < run.batch) {
    acc3_0 = acc3_0 + db[oj3];
  }
  acc3_1 = 0.0;
  if (oj3 < NOUT && sb1 < run.batch) {
    acc3_1 = acc3_1 + db[oj3];
  }
  acc3_2 = 0.0;
  if (oj3 < NOUT && sb2 < run.batch) {
    acc3_2 = acc3_2 + db[oj3];
  }
  acc3_3 = 0.0;
  if (oj3 < NOUT && sb3 < run.batch) {
    acc3_3 = acc3_3 + db[oj3];
  }
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0.0;
      if (j0 + row < NOUT && k < NIN) {
        v = dw[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 512u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0.0;
      if (r < nb && k < NIN) {
        v = xp[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      let w1 = wt[c * TN + 16u + jl];
      let w2 = wt[c * TN + 32u + jl];
      let w3 = wt[c * TN + 48u + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl * 4u) * TK + c];
        acc0_0 = acc0_0 + w0 * x0;
        acc1_0 = acc1_0 + w1 * x0;
        acc2_0 = acc2_0 + w2 * x0;
        acc3_0 = acc3_0 + w3 * x0;
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        acc0_1 = acc0_1 + w0 * x1;
        acc1_1 = acc1_1 + w1 * x1;
        acc2_1 = acc2_1 + w2 * x1;
        acc3_1 = acc3_1 + w3 * x1;
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        acc0_2 = acc0_2 + w0 * x2;
        acc1_2 = acc1_2 + w1 * x2;
        acc2_2 = acc2_2 + w2 * x2;
        acc3_2 = acc3_2 + w3 * x2;
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        acc0_3 = acc0_3 + w0 * x3;
        acc1_3 = acc1_3 + w1 * x3;
        acc2_3 = acc2_3 + w2 * x3;
        acc3_3 = acc3_3 + w3 * x3;
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = acc0_0;
  }
  if (oj0 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj0] = acc0_1;
  }
  if (oj0 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj0] = acc0_2;
  }
  if (oj0 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj0] = acc0_3;
  }
  if (oj1 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj1] = acc1_0;
  }
  if (oj1 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj1] = acc1_1;
  }
  if (oj1 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj1] = acc1_2;
  }
  if (oj1 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj1] = acc1_3;
  }
  if (oj2 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj2] = acc2_0;
  }
  if (oj2 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj2] = acc2_1;
  }
  if (oj2 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj2] = acc2_2;
  }
  if (oj2 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj2] = acc2_3;
  }
  if (oj3 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj3] = acc3_0;
  }
  if (oj3 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj3] = acc3_1;
  }
  if (oj3 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj3] = acc3_2;
  }
  if (oj3 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj3] = acc3_3;
  }
}

// ==== t8-softmax.wgsl: t8-softmax
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
@group(0) @binding(1) var<storage, read> dx: array<f32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read_write> dy: array<f32>;

fn f32_tanh(x: f32) -> f32 {
  let e = exp(-2.0 * abs(x));
  return sign(x) * (1.0 - e) / (1.0 + e);
}

fn f32_sigmoid(x: f32) -> f32 {
  let e = exp(-abs(x));
  return select(e / (1.0 + e), 1.0 / (1.0 + e), x >= 0.0);
}

fn f32_gelu(x: f32) -> f32 {
  return 0.5 * x * (1.0 + f32_tanh(bitcast<f32>(0x3f4c422au) * (x + bitcast<f32>(0x3d372713u) * (x * x * x))));
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let C = run.dims.x;
  let b = gid.x;
  if (b >= run.batch) {
    return;
  }
  let base = b * C;
  var dot = 0.0;
  var m = bitcast<f32>(0xff7fffffu);
  for (var k = 0u; k < C; k++) {
    let v = x[base + k];
    if ((v != v)) {
      m = v;
      break;
    }
    if ((v > m)) {
      m = v;
    }
  }
  var s = 0.0;
  for (var it = 0u; it < 3u * C; it++) {
    let phase = it / C;
    let k = it % C;
    let e = exp((x[base + k] - m));
    if (phase == 0u) {
      s = (s + e);
    } else {
      let p = (e / s);
      if (phase == 1u) {
        dot = (dot + (p * dx[base + k]));
      } else if (phase == 2u) {
        dy[base + k] = (p * (dx[base + k] - dot));
      }
    }
  }
}

// ==== t25-combine.wgsl: t25-combine
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
@group(0) @binding(1) var<storage, read> dw: array<f32>;
@group(0) @binding(2) var<storage, read> e0: array<f32>;
@group(0) @binding(3) var<storage, read> e1: array<f32>;
@group(0) @binding(4) var<storage, read> e2: array<f32>;
@group(0) @binding(5) var<storage, read> e3: array<f32>;
@group(0) @binding(6) var<storage, read_write> dy: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  var acc: f32;
  acc = 0.0;
  acc = acc + dw[b * 4u + 0u] * e0[i];
  acc = acc + dw[b * 4u + 1u] * e1[i];
  acc = acc + dw[b * 4u + 2u] * e2[i];
  acc = acc + dw[b * 4u + 3u] * e3[i];
  dy[i] = acc;
}

// ==== t28-dense-narrow.wgsl: t28-dense-narrow
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
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read> dx: array<f32>;
@group(0) @binding(3) var<storage, read_write> dy: array<f32>;

const TN = 64u;
const TB = 4u;
const TK = 32u;
var<workgroup> wt: array<f32, 2048>;
var<workgroup> xt: array<f32, 128>;

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
  var acc0_0: f32;
  var acc0_1: f32;
  var acc0_2: f32;
  var acc0_3: f32;
  acc0_0 = 0.0;
  acc0_1 = 0.0;
  acc0_2 = 0.0;
  acc0_3 = 0.0;
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0.0;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 128u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0.0;
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
        acc0_0 = acc0_0 + w0 * x0;
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        acc0_1 = acc0_1 + w0 * x1;
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        acc0_2 = acc0_2 + w0 * x2;
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        acc0_3 = acc0_3 + w0 * x3;
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = acc0_0;
  }
  if (oj0 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj0] = acc0_1;
  }
  if (oj0 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj0] = acc0_2;
  }
  if (oj0 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj0] = acc0_3;
  }
}

// ==== t28-dense-wide.wgsl: t28-dense-wide
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
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read> dx: array<f32>;
@group(0) @binding(3) var<storage, read_write> dy: array<f32>;

const TN = 64u;
const TB = 16u;
const TK = 32u;
var<workgroup> wt: array<f32, 2048>;
var<workgroup> xt: array<f32, 512>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 16u;
  let bl = t / 16u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let oj1 = j0 + 16u + jl;
  let oj2 = j0 + 32u + jl;
  let oj3 = j0 + 48u + jl;
  let sb0 = b0 + bl * 4u;
  let sb1 = b0 + bl * 4u + 1u;
  let sb2 = b0 + bl * 4u + 2u;
  let sb3 = b0 + bl * 4u + 3u;
  var acc0_0: f32;
  var acc0_1: f32;
  var acc0_2: f32;
  var acc0_3: f32;
  var acc1_0: f32;
  var acc1_1: f32;
  var acc1_2: f32;
  var acc1_3: f32;
  var acc2_0: f32;
  var acc2_1: f32;
  var acc2_2: f32;
  var acc2_3: f32;
  var acc3_0: f32;
  var acc3_1: f32;
  var acc3_2: f32;
  var acc3_3: f32;
  acc0_0 = 0.0;
  acc0_1 = 0.0;
  acc0_2 = 0.0;
  acc0_3 = 0.0;
  acc1_0 = 0.0;
  acc1_1 = 0.0;
  acc1_2 = 0.0;
  acc1_3 = 0.0;
  acc2_0 = 0.0;
  acc2_1 = 0.0;
  acc2_2 = 0.0;
  acc2_3 = 0.0;
  acc3_0 = 0.0;
  acc3_1 = 0.0;
  acc3_2 = 0.0;
  acc3_3 = 0.0;
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0.0;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 512u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0.0;
      if (r < nb && k < NIN) {
        v = dx[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      let w1 = wt[c * TN + 16u + jl];
      let w2 = wt[c * TN + 32u + jl];
      let w3 = wt[c * TN + 48u + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl * 4u) * TK + c];
        acc0_0 = acc0_0 + w0 * x0;
        acc1_0 = acc1_0 + w1 * x0;
        acc2_0 = acc2_0 + w2 * x0;
        acc3_0 = acc3_0 + w3 * x0;
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        acc0_1 = acc0_1 + w0 * x1;
        acc1_1 = acc1_1 + w1 * x1;
        acc2_1 = acc2_1 + w2 * x1;
        acc3_1 = acc3_1 + w3 * x1;
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        acc0_2 = acc0_2 + w0 * x2;
        acc1_2 = acc1_2 + w1 * x2;
        acc2_2 = acc2_2 + w2 * x2;
        acc3_2 = acc3_2 + w3 * x2;
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        acc0_3 = acc0_3 + w0 * x3;
        acc1_3 = acc1_3 + w1 * x3;
        acc2_3 = acc2_3 + w2 * x3;
        acc3_3 = acc3_3 + w3 * x3;
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = acc0_0;
  }
  if (oj0 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj0] = acc0_1;
  }
  if (oj0 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj0] = acc0_2;
  }
  if (oj0 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj0] = acc0_3;
  }
  if (oj1 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj1] = acc1_0;
  }
  if (oj1 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj1] = acc1_1;
  }
  if (oj1 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj1] = acc1_2;
  }
  if (oj1 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj1] = acc1_3;
  }
  if (oj2 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj2] = acc2_0;
  }
  if (oj2 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj2] = acc2_1;
  }
  if (oj2 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj2] = acc2_2;
  }
  if (oj2 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj2] = acc2_3;
  }
  if (oj3 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj3] = acc3_0;
  }
  if (oj3 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj3] = acc3_1;
  }
  if (oj3 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj3] = acc3_2;
  }
  if (oj3 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj3] = acc3_3;
  }
}

// ==== t31-crossentropy.wgsl: t31-crossentropy
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
@group(0) @binding(1) var<storage, read> dz: array<f32>;
@group(0) @binding(2) var<storage, read> z: array<f32>;
@group(0) @binding(3) var<storage, read> labels: array<u32>;
@group(0) @binding(4) var<storage, read_write> dy: array<f32>;

fn f32_tanh(x: f32) -> f32 {
  let e = exp(-2.0 * abs(x));
  return sign(x) * (1.0 - e) / (1.0 + e);
}

fn f32_sigmoid(x: f32) -> f32 {
  let e = exp(-abs(x));
  return select(e / (1.0 + e), 1.0 / (1.0 + e), x >= 0.0);
}

fn f32_gelu(x: f32) -> f32 {
  return 0.5 * x * (1.0 + f32_tanh(bitcast<f32>(0x3f4c422au) * (x + bitcast<f32>(0x3d372713u) * (x * x * x))));
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let C = run.dims.x;
  let b = gid.x;
  if (b >= run.batch) {
    return;
  }
  let base = b * C;
  var acc = 0.0;
  var m = bitcast<f32>(0xff7fffffu);
  for (var k = 0u; k < C; k++) {
    let v = z[base + k];
    if ((v != v)) {
      m = v;
      break;
    }
    if ((v > m)) {
      m = v;
    }
  }
  var s = 0.0;
  for (var it = 0u; it < 2u * C; it++) {
    let phase = it / C;
    let k = it % C;
    let e = exp((z[base + k] - m));
    if (phase == 0u) {
      s = (s + e);
    } else {
      let p = (e / s);
      if (phase == 1u) {
        acc = (acc + ((p - select(0.0, 1.0, k == labels[b])) * dz[base + k]));
      }
    }
  }
  dy[b] = acc;
}

// ==== t32-mean.wgsl: t32-mean
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
@group(0) @binding(1) var<storage, read> dx: array<f32>;
@group(0) @binding(2) var<storage, read_write> dy: array<f32>;

@compute @workgroup_size(1)
fn main() {
  var acc: f32;
  acc = 0.0;
  for (var b = 0u; b < run.batch; b++) {
    acc = acc + dx[b];
  }
  dy[0] = (acc / f32(run.batch));
}

// ==== dispatch order: kernel (batches) dims [..] grid (x, y) bindings
// 3-dense-narrow (B >= 1) dims [784, 256] grid (4, ceil(B/4)) w=v1 x=v0 bias=v2 y=v3
// 3-dense-wide (B >= 8) dims [784, 256] grid (4, ceil(B/16)) w=v1 x=v0 bias=v2 y=v3
// 4-activation dims [256] grid (4, ceil(B/1)) x=v3 y=v4
// 7-dense-narrow (B >= 1) dims [256, 4] grid (1, ceil(B/4)) w=v5 x=v4 bias=v6 y=v7
// 7-dense-wide (B >= 8) dims [256, 4] grid (1, ceil(B/16)) w=v5 x=v4 bias=v6 y=v7
// 8-softmax dims [4] grid (ceil(B/64), 1) x=v7 y=v8
// 11-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/4)) w=v9 x=v4 bias=v10 y=v11
// 11-dense-wide (B >= 8) dims [256, 256] grid (4, ceil(B/16)) w=v9 x=v4 bias=v10 y=v11
// 12-activation dims [256] grid (4, ceil(B/1)) x=v11 y=v12
// 15-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/4)) w=v13 x=v4 bias=v14 y=v15
// 15-dense-wide (B >= 8) dims [256, 256] grid (4, ceil(B/16)) w=v13 x=v4 bias=v14 y=v15
// 16-activation dims [256] grid (4, ceil(B/1)) x=v15 y=v16
// 19-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/4)) w=v17 x=v4 bias=v18 y=v19
// 19-dense-wide (B >= 8) dims [256, 256] grid (4, ceil(B/16)) w=v17 x=v4 bias=v18 y=v19
// 20-activation dims [256] grid (4, ceil(B/1)) x=v19 y=v20
// 23-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/4)) w=v21 x=v4 bias=v22 y=v23
// 23-dense-wide (B >= 8) dims [256, 256] grid (4, ceil(B/16)) w=v21 x=v4 bias=v22 y=v23
// 24-activation dims [256] grid (4, ceil(B/1)) x=v23 y=v24
// 25-combine dims [256] grid (4, ceil(B/1)) w=v8 e0=v12 e1=v16 e2=v20 e3=v24 y=v25
// 28-dense-narrow (B >= 1) dims [256, 10] grid (1, ceil(B/4)) w=v26 x=v25 bias=v27 y=v28
// 28-dense-wide (B >= 8) dims [256, 10] grid (1, ceil(B/16)) w=v26 x=v25 bias=v27 y=v28
// 31-crossentropy dims [10] grid (ceil(B/64), 1) z=v28 labels=v30 y=v31
// 32-mean dims [] grid (1, 1) x=v31 y=v32
// t7-dense-narrow (B >= 1) dims [256, 4] grid (1, ceil(B/4)) db=t6 dw=t5 xp=v4 dy=t7
// t7-dense-wide (B >= 8) dims [256, 4] grid (1, ceil(B/16)) db=t6 dw=t5 xp=v4 dy=t7
// t8-softmax dims [4] grid (ceil(B/64), 1) dx=t7 x=v7 dy=t8
// t25-combine dims [256] grid (4, ceil(B/1)) dw=t8 e0=v12 e1=v16 e2=v20 e3=v24 dy=t25
// t28-dense-narrow (B >= 1) dims [256, 10] grid (1, ceil(B/4)) w=v26 dx=t25 dy=t28
// t28-dense-wide (B >= 8) dims [256, 10] grid (1, ceil(B/16)) w=v26 dx=t25 dy=t28
// t31-crossentropy dims [10] grid (ceil(B/64), 1) dz=t28 z=v28 labels=v30 dy=t31
// t32-mean dims [] grid (1, 1) dx=t31 dy=t32
