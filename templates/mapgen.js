/* mapgen: draws an article's places on a Leaflet map from JSON data.
   Every text of the article reaches the page through textContent, never as HTML. */
var mapgen = (function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /* A sentence of the article with its mentions of the place marked. The
     marks count code points, as Python does; a JavaScript string counts UTF-16
     units, which differ past every emoji, so the text is cut as code points. */
  function quote(q) {
    var block = el("blockquote", "mg-quote"), at = 0, chars = Array.from(q.text);
    function run(start, end) { return chars.slice(start, end).join(""); }
    q.marks.forEach(function (mark) {
      if (mark[0] < at) return;
      block.appendChild(document.createTextNode(run(at, mark[0])));
      block.appendChild(el("mark", null, run(mark[0], mark[1])));
      at = mark[1];
    });
    block.appendChild(document.createTextNode(run(at)));
    return block;
  }

  function popupContent(place, words) {
    var box = el("div", "mg-popup");
    box.appendChild(el("h2", "mg-popup-name", place.name));
    var where = place.resolved;
    if (place.country && place.country !== place.resolved) where += ", " + place.country;
    box.appendChild(el("p", "mg-popup-where", where));
    if (place.low) box.appendChild(el("p", "mg-popup-low", words.low));
    place.quotes.forEach(function (q) { box.appendChild(quote(q)); });
    return box;
  }

  /* Cities are dots, countries and regions labelled chips; the label is the
     marker's accessible name even where it is not shown. */
  function icon(place, labels, shift) {
    var body = el("span", "mg-icon");
    if (shift[0] || shift[1]) body.appendChild(leader(shift));
    body.appendChild(el("span", "mg-symbol"));
    var shown = labels || place.kind !== "place";
    body.appendChild(el("span", shown ? "mg-label" : "mg-label mg-visually-hidden", place.name));
    return L.divIcon({
      html: body,
      className: "mg-marker mg-" + place.kind + (place.low ? " mg-low" : ""),
      iconSize: [20, 20],
      iconAnchor: [10 - shift[0], 10 - shift[1]]
    });
  }

  /* A marker set apart from its crowd keeps a thin line back to where the
     place really is, ending in a dot. */
  function leader(shift) {
    var line = el("span", "mg-leader");
    var length = Math.sqrt(shift[0] * shift[0] + shift[1] * shift[1]);
    line.style.width = length + "px";
    line.style.transform = "rotate(" + Math.atan2(-shift[1], -shift[0]) + "rad)";
    line.setAttribute("aria-hidden", "true");
    return line;
  }

  var InlineTiles = L.TileLayer.extend({
    initialize: function (tiles, options) {
      this._inline = tiles;
      L.TileLayer.prototype.initialize.call(this, "", options);
    },
    getTileUrl: function (c) { return this._inline[c.z + "/" + c.x + "/" + c.y] || ""; }
  });

  function basemap(map, spec) {
    spec.layers.forEach(function (layer) {
      var options = {
        attribution: spec.attribution, minZoom: layer.minZoom, maxZoom: spec.maxZoom,
        maxNativeZoom: layer.maxNativeZoom, noWrap: spec.noWrap
      };
      if (layer.bounds) options.bounds = layer.bounds;
      if (spec.referrerPolicy) options.referrerPolicy = spec.referrerPolicy;
      (spec.inline ? new InlineTiles(spec.inline, options) : L.tileLayer(spec.url, options)).addTo(map);
    });
  }

  /* The wheel zooms only once the reader has clicked into the map, or with
     Ctrl held: scrolling the page around the map is never taken over. */
  function guardWheel(map, words) {
    var box = map.getContainer(), hint = el("div", "mg-hint", words.wheel), timer = null;
    hint.setAttribute("aria-hidden", "true");
    box.appendChild(hint);
    map.on("click focus", function () { map.scrollWheelZoom.enable(); });
    map.on("blur", function () { map.scrollWheelZoom.disable(); });
    box.addEventListener("mouseleave", function () { map.scrollWheelZoom.disable(); });
    box.addEventListener("wheel", function (event) {
      if (map.scrollWheelZoom.enabled()) return;
      if (event.ctrlKey) {
        event.preventDefault();
        map.setZoom(map.getZoom() + (event.deltaY < 0 ? 1 : -1));
        return;
      }
      hint.classList.add("mg-hint-shown");
      clearTimeout(timer);
      timer = setTimeout(function () { hint.classList.remove("mg-hint-shown"); }, 1500);
    }, { passive: false });
  }

  /* On a phone one finger scrolls the page past the map and two pinch it;
     after a tap into the map, one finger pans it too. */
  function guardTouch(map) {
    if (!L.Browser.mobile) return;
    map.dragging.disable();
    map.on("click focus", function () { map.dragging.enable(); });
    map.on("blur", function () { map.dragging.disable(); });
  }

  /* Markers closer than SPREAD_PX on screen are set around their middle, so
     none hides another; done again at every zoom. */
  var SPREAD_PX = 18;

  function spread(map, drawn, labels) {
    var groups = [];
    drawn.forEach(function (entry) {
      var at = map.latLngToLayerPoint([entry.place.lat, entry.place.lon]);
      var group = groups.find(function (g) { return g.at.distanceTo(at) < SPREAD_PX; });
      if (group) group.members.push(entry); else groups.push({ at: at, members: [entry] });
    });
    groups.forEach(function (group) {
      var n = group.members.length;
      group.members.forEach(function (entry, k) {
        var radius = n > 1 ? 8 + 3 * n : 0, angle = 2 * Math.PI * k / n - Math.PI / 2;
        var shift = [Math.round(radius * Math.cos(angle)), Math.round(radius * Math.sin(angle))];
        if (String(shift) !== String(entry.shift)) {
          entry.shift = shift;
          entry.marker.setIcon(icon(entry.place, labels, shift));
        }
      });
    });
  }

  /* Each shown label goes on the side of its marker where it covers no other
     marker, no label placed before it and stays inside the map: right, left,
     above or below; where every side is crowded, the side that covers least.
     Done again at every zoom, after the markers are spread. */
  var SIDES = ["right", "left", "top", "bottom"];

  function overlap(a, b) {
    var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > 0 && h > 0 ? w * h : 0;
  }

  function placeLabels(map, drawn) {
    var frame = map.getContainer().getBoundingClientRect();
    var taken = drawn.map(function (entry) {
      return entry.marker.getElement().querySelector(".mg-symbol").getBoundingClientRect();
    });
    drawn.forEach(function (entry) {
      var label = entry.marker.getElement().querySelector(".mg-label:not(.mg-visually-hidden)");
      if (!label) return;
      var best = null;
      SIDES.forEach(function (side) {
        label.setAttribute("data-side", side);
        var box = label.getBoundingClientRect();
        var outside = box.width * box.height - overlap(box, frame);
        var cost = taken.reduce(function (sum, other) { return sum + overlap(box, other); }, outside);
        if (!best || cost < best.cost) best = { side: side, cost: cost, box: box };
      });
      label.setAttribute("data-side", best.side);
      taken.push(best.box);
    });
  }

  /* A popup opened from the keyboard takes the focus, so that a screen reader
     reads it; Escape closes it (Leaflet heeds Escape only when the map itself
     has the focus) and gives the focus back to its marker. */
  function keepFocus(marker) {
    var fromKeyboard = false;
    marker.on("popupopen", function (event) {
      var content = event.popup.getElement().querySelector(".mg-popup");
      content.addEventListener("keydown", function (key) {
        if (key.key === "Escape") marker.closePopup();
      });
      fromKeyboard = document.activeElement === marker.getElement();
      if (!fromKeyboard) return;
      content.tabIndex = -1;
      content.focus({ preventScroll: true });
    });
    marker.on("popupclose", function (event) {
      var focus = document.activeElement;
      if (fromKeyboard && (event.popup.getElement().contains(focus) || focus === document.body)) {
        marker.getElement().focus({ preventScroll: true });
      }
      fromKeyboard = false;
    });
  }

  var maps = [];

  function draw(map, data) {
    var size = map.getSize();
    maps.push(map);
    basemap(map, data.basemap);
    guardWheel(map, data.words);
    guardTouch(map);
    var drawn = [];
    data.places.forEach(function (place) {
      var marker = L.marker([place.lat, place.lon], { icon: icon(place, data.labels, [0, 0]), keyboard: true, riseOnHover: true });
      drawn.push({ marker: marker, place: place, shift: [0, 0] });
      marker.bindPopup(function () { return popupContent(place, data.words); }, {
        maxWidth: Math.max(160, Math.min(320, size.x - 120)),  // the pan margins and its own
        maxHeight: Math.max(120, size.y - 110),
        autoPanPaddingTopLeft: [56, 12],  // clear of the zoom buttons
        autoPanPaddingBottomRight: [12, 28]  // and of the attribution
      });
      if (!data.labels && place.kind === "place") marker.bindTooltip(el("span", null, place.name), { direction: "top", offset: [0, -8] });
      keepFocus(marker);
      marker.addTo(map);
    });
    function arrange() {
      spread(map, drawn, data.labels);
      placeLabels(map, drawn);
    }
    arrange();
    map.on("zoomend", arrange);
  }

  return { draw: draw, maps: maps };
})();
