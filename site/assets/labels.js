/* mapgen's label placement, on plain boxes: no DOM, no Leaflet, so that
   `node --test tests/js/` checks its geometry.

   Each label goes beside its mark where it fits (right, left, above, below,
   then the corners); where no side is free, a little way off with a leader
   line back to the mark, nearest first, as a desk moves names apart. A label
   never covers another label, a mark, an obstacle (a control, a pointer) or a
   leader placed before it, and stays inside the frame; a leader crosses no
   mark, label or other leader where any place is left that it need not.
   mapgen/site/labels.py is the same rules in Python, for map.svg: a change
   here is made there too (tests/test_svg_labels.py runs both on the same data). Leaders
   reach as far as a tall phone's room above and below a crowd. Only where no name fits and
   the frame is narrower or lower than SMALL_FRAME does a place become its number, placed the
   same way; a key beside the map then says what the numbers mean. In a frame under
   SMALL_FRAME both ways a name goes no farther off than SMALL_REACH, as long leaders there
   would cross the whole map. Where even that fails the label goes where it covers least.

   place(items, obstacles, frame) → one result per item, in the items' order:
     items:     [{x, y, r, w, h, numberW?, centred?}] in priority order (most
                mentioned first): the mark's centre and radius, the label's size,
                the number's width; `centred` for an area's name, which sits on
                its point rather than beside it.
     obstacles: [{left, top, right, bottom}] boxes nothing may cover (marks are
                added from the items themselves).
     frame:     {width, height}.
   result:      {box, leader: null | [x1, y1, x2, y2], number: bool, fits: bool} */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.mapgenLabels = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var GAP = 3;  // between a mark and the label beside it
  var INSET = 2;  // a label keeps this far inside the frame
  var LEADER_STEPS = [26, 40, 58, 80, 106, 136, 170, 210, 260];  // leader lengths tried, shortest first
  var ANGLES = 16;
  var SMALL_FRAME = { width: 480, height: 400 };
  var CROWD = 120;  // marks this close to an item are its crowd, which its leader leads out of
  var REPAIRS = 2;  // rounds of trying a crossing leader again
  var CROSSED = 100;  // two leaders crossing weigh as much as a hundred lesser faults: the eye follows the wrong one
  var SMALL_REACH = 58;  // in a frame under SMALL_FRAME both ways a name goes no farther off than this; past it, its number

  function overlap(a, b) {
    var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > 0 && h > 0 ? w * h : 0;
  }

  function box(left, top, w, h) {
    return { left: left, top: top, right: left + w, bottom: top + h };
  }

  /* Whether segment (x1,y1)-(x2,y2) passes through a box (Liang–Barsky). */
  function crosses(seg, b) {
    var x1 = seg[0], y1 = seg[1], dx = seg[2] - x1, dy = seg[3] - y1, t0 = 0, t1 = 1;
    var p = [-dx, dx, -dy, dy], q = [x1 - b.left, b.right - x1, y1 - b.top, b.bottom - y1];
    for (var k = 0; k < 4; k++) {
      if (p[k] === 0) { if (q[k] < 0) return false; continue; }
      var t = q[k] / p[k];
      if (p[k] < 0) { if (t > t1) return false; if (t > t0) t0 = t; }
      else { if (t < t0) return false; if (t < t1) t1 = t; }
    }
    return t1 - t0 > 1e-6;
  }

  /* Whether two segments cross each other (touching at an end does not count). */
  function cross(a, b) {
    function side(px, py, qx, qy, rx, ry) { return Math.sign((qx - px) * (ry - py) - (qy - py) * (rx - px)); }
    return side(a[0], a[1], a[2], a[3], b[0], b[1]) * side(a[0], a[1], a[2], a[3], b[2], b[3]) < 0 &&
      side(b[0], b[1], b[2], b[3], a[0], a[1]) * side(b[0], b[1], b[2], b[3], a[2], a[3]) < 0;
  }

  /* A direction's cosine or sine to a millionth: mapgen/site/labels.py places map.svg's labels
     with these same rules, and the two runtimes' trigonometry may differ in the last bit. */
  function trig(v) { return Math.floor(v * 1e6 + 0.5) / 1e6; }

  /* The point of a box nearest to (x, y). */
  function nearest(b, x, y) {
    return [Math.min(Math.max(x, b.left), b.right), Math.min(Math.max(y, b.top), b.bottom)];
  }

  /* Where a label of w×h may go around an item: beside first, then off on a leader. */
  function candidates(item, w, h, reach, first) {
    var x = item.x, y = item.y, r = item.r + GAP, list = [];
    if (item.centred) {
      list.push(box(x - w / 2, y - h / 2, w, h), box(x - w / 2, y - r - h, w, h), box(x - w / 2, y + r, w, h));
    } else {
      list.push(
        box(x + r, y - h / 2, w, h), box(x - r - w, y - h / 2, w, h),
        box(x - w / 2, y - r - h, w, h), box(x - w / 2, y + r, w, h),
        box(x + r * 0.7, y - r * 0.7 - h, w, h), box(x + r * 0.7, y + r * 0.7, w, h),
        box(x - r * 0.7 - w, y - r * 0.7 - h, w, h), box(x - r * 0.7 - w, y + r * 0.7, w, h)
      );
    }
    var beside = list.length;
    LEADER_STEPS.forEach(function (d) {
      if (d > reach) return;
      for (var k = 0; k < ANGLES; k++) {
        var turn = first + (k % 2 ? 1 : -1) * Math.ceil(k / 2), a = (turn * 2 * Math.PI) / ANGLES;  // outward first, then either way
        var c = trig(Math.cos(a)), s = trig(Math.sin(a)), ax = x + c * (item.r + d), ay = y + s * (item.r + d);
        var left = c > 0.38 ? ax : c < -0.38 ? ax - w : ax - w / 2;
        var top = s > 0.38 ? ay : s < -0.38 ? ay - h : ay - h / 2;
        list.push(box(left, top, w, h));
      }
    });
    return list.map(function (b, k) {
      if (k < beside) return { box: b, leader: null };
      var end = nearest(b, x, y), len = Math.sqrt((end[0] - x) * (end[0] - x) + (end[1] - y) * (end[1] - y));
      var start = [x + ((end[0] - x) / len) * item.r, y + ((end[1] - y) / len) * item.r];
      return { box: b, leader: [start[0], start[1], end[0], end[1]] };
    });
  }

  function place(items, obstacles, frame) {
    var inner = { left: INSET, top: INSET, right: frame.width - INSET, bottom: frame.height - INSET };
    var small = frame.width < SMALL_FRAME.width || frame.height < SMALL_FRAME.height;  // numbers, as a last resort
    var reach = frame.width < SMALL_FRAME.width && frame.height < SMALL_FRAME.height ? SMALL_REACH : Infinity;
    var marks = items.map(function (item) {
      return item.centred ? null : { left: item.x - item.r, top: item.y - item.r, right: item.x + item.r, bottom: item.y + item.r };
    });
    var placed = [];  // each item's label once placed: {box, leader, number, cost}
    /* Each item's way out of its crowd, in steps of the leader angles: away from the middle of the
       marks around it (right where it stands alone), so that leaders fan out and do not cross. */
    var outward = items.map(function (item) {
      var sx = 0, sy = 0, n = 0;
      items.forEach(function (other) {
        var dx = item.x - other.x, dy = item.y - other.y;
        if (dx * dx + dy * dy <= CROWD * CROWD) { sx += other.x; sy += other.y; n += 1; }
      });
      var dx = item.x - sx / n, dy = item.y - sy / n;
      return dx * dx + dy * dy < 1 ? 0 : Math.floor(trig((Math.atan2(dy, dx) * ANGLES) / (2 * Math.PI)) + 0.5);
    });

    /* A candidate's faults against the frame, the obstacles, the marks and the other labels placed:
       hard, the area it covers that it must not; soft, the lines it crosses. */
    function cost(candidate, self) {
      var b = candidate.box, area = (b.right - b.left) * (b.bottom - b.top), line = candidate.leader;
      var hard = area - overlap(b, inner), soft = 0;
      obstacles.forEach(function (other) {
        hard += overlap(b, other);
        if (line && crosses(line, other)) soft += 1;
      });
      marks.forEach(function (mark, k) {
        if (!mark) return;
        hard += overlap(b, mark);
        if (line && k !== self && crosses(line, mark)) soft += 1;
      });
      placed.forEach(function (other, k) {
        if (!other || k === self) return;
        hard += overlap(b, other.box);
        if (other.leader && crosses(other.leader, b)) soft += 1;
        if (line && crosses(line, other.box)) soft += 1;
        if (line && other.leader && cross(line, other.leader)) soft += CROSSED;
      });
      return { hard: hard, soft: soft };
    }

    function better(a, b) { return a.hard < b.hard || (a.hard === b.hard && a.soft < b.soft); }

    function best(item, k, w, reach) {
      var found = null;
      candidates(item, w, item.h, reach, outward[k]).some(function (candidate) {
        var c = cost(candidate, k);
        if (!found || better(c, found.cost)) found = { box: candidate.box, leader: candidate.leader, cost: c };
        return c.hard === 0 && c.soft === 0;
      });
      return found;
    }

    function nameReach(item) { return item.numberW ? reach : Infinity; }

    items.forEach(function (item, k) {  // in priority order, each where it is best among those before it
      var chosen = best(item, k, item.w, nameReach(item));
      chosen.number = false;
      if (chosen.cost.hard > 0 && small && item.numberW) {
        var numbered = best(item, k, item.numberW, Infinity);
        if (better(numbered.cost, chosen.cost)) { chosen = numbered; chosen.number = true; }
      }
      placed[k] = chosen;
    });
    /* Then a leader that crosses another, placed before the labels after it were known, is tried
       again among all of them: kept where it now does better (a few rounds at most). */
    for (var round = 0; round < REPAIRS; round++) {
      var moved = false;
      items.forEach(function (item, k) {
        var mine = placed[k];
        if (!mine.leader || mine.cost.hard > 0) return;
        var crossing = placed.some(function (other, j) { return j !== k && other.leader && cross(mine.leader, other.leader); });
        if (!crossing) return;
        var now = cost(mine, k), again = best(item, k, mine.number ? item.numberW : item.w, mine.number ? Infinity : nameReach(item));
        if (better(again.cost, now)) { again.number = mine.number; placed[k] = again; moved = true; }
      });
      if (!moved) break;
    }
    return placed.map(function (p) { return { box: p.box, leader: p.leader, number: p.number, fits: p.cost.hard === 0 }; });
  }

  return { place: place, overlap: overlap, crosses: crosses, cross: cross, SMALL_FRAME: SMALL_FRAME, SMALL_REACH: SMALL_REACH, GAP: GAP, LEADER_STEPS: LEADER_STEPS };
});
