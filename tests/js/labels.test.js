// The label placement's geometry, on plain data: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const labels = require("../../templates/labels.js");

function items(points, w = 60, h = 20) {
  return points.map(([x, y]) => ({ x, y, r: 8, w, h, numberW: 18 }));
}

function disjoint(results) {
  for (let i = 0; i < results.length; i++)
    for (let j = i + 1; j < results.length; j++)
      assert.strictEqual(labels.overlap(results[i].box, results[j].box), 0, `labels ${i} and ${j} overlap`);
}

// Beside: the box touches the mark's ring (within the gap); else a leader from the mark's edge to the box.
function besideOrLed(item, result) {
  const b = result.box;
  const nx = Math.min(Math.max(item.x, b.left), b.right), ny = Math.min(Math.max(item.y, b.top), b.bottom);
  const d = Math.hypot(nx - item.x, ny - item.y);
  if (result.leader) {
    const [x1, y1, x2, y2] = result.leader;
    assert.ok(Math.abs(Math.hypot(x1 - item.x, y1 - item.y) - item.r) < 0.5, "a leader starts at its mark");
    assert.ok(Math.abs(x2 - nx) < 0.5 && Math.abs(y2 - ny) < 0.5, "a leader ends at its label");
  } else {
    assert.ok(d <= item.r + labels.GAP + 0.5, `label beside its mark (${d} px off)`);
  }
}

function inside(result, frame) {
  const b = result.box;
  assert.ok(b.left >= 0 && b.top >= 0 && b.right <= frame.width && b.bottom <= frame.height, "label inside the frame");
}

test("a lone mark's label sits to its right", () => {
  const [r] = labels.place(items([[100, 100]]), [], { width: 800, height: 600 });
  assert.strictEqual(r.leader, null);
  assert.ok(r.box.left > 100 && Math.abs((r.box.top + r.box.bottom) / 2 - 100) < 1);
});

test("a label at the right edge goes left", () => {
  const [r] = labels.place(items([[790, 100]]), [], { width: 800, height: 600 });
  assert.ok(r.box.right < 790);
  inside(r, { width: 800, height: 600 });
});

test("a crowd: every label named, disjoint, beside its mark or led to it, none over a mark", () => {
  const frame = { width: 1000, height: 700 };
  const points = [];
  for (let k = 0; k < 40; k++) points.push([420 + (k % 8) * 22, 280 + Math.floor(k / 8) * 26]);
  const list = items(points, 70, 18);
  const results = labels.place(list, [], frame);
  disjoint(results);
  results.forEach((r, k) => {
    assert.ok(!r.number, `place ${k} named in a big frame`);
    assert.ok(r.fits, `place ${k} fits`);
    besideOrLed(list[k], r);
    inside(r, frame);
    list.forEach((other, j) => {
      const mark = { left: other.x - other.r, top: other.y - other.r, right: other.x + other.r, bottom: other.y + other.r };
      assert.strictEqual(labels.overlap(r.box, mark), 0, `label ${k} over mark ${j}`);
    });
  });
  assert.ok(results.some((r) => r.leader), "a crowd needs leaders");
});

test("numbers only in a small frame, and only where names do not fit", () => {
  const points = [];
  for (let k = 0; k < 30; k++) points.push([120 + (k % 6) * 20, 120 + Math.floor(k / 6) * 20]);
  const big = labels.place(items(points, 120, 18), [], { width: 1000, height: 700 });
  assert.ok(big.every((r) => !r.number));
  const small = labels.place(items(points, 120, 18), [], { width: 340, height: 255 });
  disjoint(small.filter((r) => r.fits));
  assert.ok(small.some((r) => r.number), "a crowded small frame numbers some places");
  assert.ok(!small[0].number, "the first place keeps its name");
  const spaced = labels.place(items([[50, 50], [250, 200]], 60, 18), [], { width: 340, height: 255 });
  assert.ok(spaced.every((r) => !r.number && !r.leader), "room enough: names beside their marks");
});

test("obstacles are kept clear", () => {
  const obstacle = { left: 105, top: 80, right: 200, bottom: 120 };
  const [r] = labels.place(items([[100, 100]]), [obstacle], { width: 800, height: 600 });
  assert.strictEqual(labels.overlap(r.box, obstacle), 0);
  assert.ok(r.box.right <= 100, "goes to the free side");
});

test("an area's name sits on its point", () => {
  const [r] = labels.place([{ x: 300, y: 200, r: 0, w: 80, h: 20, centred: true }], [], { width: 800, height: 600 });
  assert.deepStrictEqual([r.box.left, r.box.top], [260, 190]);
});

test("leaders cross no mark", () => {
  const points = [[400, 300], [430, 300], [370, 300], [400, 325], [400, 275], [430, 325], [370, 275]];
  const list = items(points, 90, 18);
  const results = labels.place(list, [], { width: 800, height: 600 });
  disjoint(results);
  results.forEach((r, k) => {
    besideOrLed(list[k], r);
    if (!r.leader) return;
    list.forEach((other, j) => {
      if (j === k) return;
      const mark = { left: other.x - other.r, top: other.y - other.r, right: other.x + other.r, bottom: other.y + other.r };
      assert.ok(!labels.crosses(r.leader, mark), `leader ${k} crosses mark ${j}`);
    });
  });
});

test("the same input gives the same placement", () => {
  const points = [[200, 200], [215, 205], [190, 215], [230, 190]];
  assert.deepStrictEqual(labels.place(items(points), [], { width: 600, height: 400 }),
    labels.place(items(points), [], { width: 600, height: 400 }));
});

// Whether two segments cross (touching at an end does not count).
function segmentsCross(a, b) {
  const side = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const [p1, p2, p3, p4] = [[a[0], a[1]], [a[2], a[3]], [b[0], b[1]], [b[2], b[3]]];
  return side(p1, p2, p3) * side(p1, p2, p4) < 0 && side(p3, p4, p1) * side(p3, p4, p2) < 0;
}

function crossings(results) {
  const leaders = results.filter((r) => r.leader).map((r) => r.leader);
  let n = 0;
  for (let i = 0; i < leaders.length; i++)
    for (let j = i + 1; j < leaders.length; j++) n += segmentsCross(leaders[i], leaders[j]);
  return n;
}

// The plain data mapgen/site/labels.py is run on too (tests/test_svg_labels.py): the same rules in Python.
const cases = require("./label-cases.json");

test("no two leaders cross on a storm's 40 places; in a block of 40 marks 22 px apart, one pair at most", () => {
  const track = labels.place(cases.storm.items, cases.storm.obstacles, cases.storm.frame);
  disjoint(track);
  track.forEach((r) => cases.storm.obstacles.forEach((o) => assert.strictEqual(labels.overlap(r.box, o), 0)));
  assert.strictEqual(crossings(track), 0);
  const crowded = labels.place(cases.block.items, cases.block.obstacles, cases.block.frame);
  disjoint(crowded);
  assert.ok(crossings(crowded) <= 1, `${crossings(crowded)} crossings`);  // 17 before leaders weighed crossings
});

// A mark's box, for labels to keep off.
function markOf(item) {
  return { left: item.x - item.r, top: item.y - item.r, right: item.x + item.r, bottom: item.y + item.r };
}

test("on a 390-px phone a 40-place story names every place: the frame is narrow but tall enough", () => {
  const c = cases.phone;  // the storm's 43 places as the embed measures them at 390x844 (a 390x727 map)
  const results = labels.place(c.items, c.obstacles, c.frame);
  disjoint(results);
  results.forEach((r, k) => {
    assert.ok(!r.number && r.fits, `place ${k} named`);
    besideOrLed(c.items[k], r);
    inside(r, c.frame);
    c.obstacles.forEach((o) => assert.strictEqual(labels.overlap(r.box, o), 0, `label ${k} over an obstacle`));
    c.items.forEach((other, j) => {
      if (!other.centred) assert.strictEqual(labels.overlap(r.box, markOf(other)), 0, `label ${k} over mark ${j}`);
    });
  });
});

test("in a 350-px host, under 480x400 both ways, the same story still numbers what does not fit", () => {
  const c = cases.host;
  const results = labels.place(c.items, c.obstacles, c.frame);
  assert.ok(results.some((r) => r.number), "a crowded small frame numbers some places");
  disjoint(results.filter((r) => r.fits));
  results.filter((r) => !r.number && r.leader).forEach((r) => {
    const [x1, y1, x2, y2] = r.leader;
    assert.ok(Math.hypot(x2 - x1, y2 - y1) <= labels.SMALL_REACH + 1, "a name in a small frame stays near its mark");
  });
});
