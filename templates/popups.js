/* mapgen's popups: where they open, how they keep the focus, and how a far
   place is brought into view with its popup. Loaded before mapgen.js. */
var mapgenPopups = (function () {
  "use strict";

  /* A frame this small (a 350×262 iframe, a phone held upright) has no room
     for a popup beside its marker: the popup is a sheet along the bottom of
     the map instead, its close button a finger's size, and the marker is
     moved into the room left above it. */
  var SHEET_WIDTH = 480, SHEET_HEIGHT = 400, SHEET_PANE = "mg-sheet";
  var PAN_TOP_LEFT = [56, 12], PAN_BOTTOM_RIGHT = [12, 28];  // clear of the zoom buttons and the scale bar

  function isSmall(map) {
    var size = map.getSize();
    return size.x < SHEET_WIDTH || size.y < SHEET_HEIGHT;
  }

  /* The options of every popup, for the frame's size now; called again when the frame is resized. */
  function fit(map, markers) {
    var size = map.getSize(), sheet = isSmall(map);
    if (!map.getPane(SHEET_PANE)) map.createPane(SHEET_PANE, map.getContainer());
    map.getContainer().classList.toggle("mg-sheet-mode", sheet);
    markers.forEach(function (marker) {
      L.extend(marker.getPopup().options, sheet ? {
        pane: SHEET_PANE, autoPan: false, maxWidth: size.x, maxHeight: Math.max(60, size.y - 96)
      } : {
        pane: "popupPane", autoPan: true,
        maxWidth: Math.max(160, Math.min(320, size.x - 120)),  // the pan margins and its own
        maxHeight: Math.max(120, size.y - 110),
        autoPanPaddingTopLeft: PAN_TOP_LEFT, autoPanPaddingBottomRight: PAN_BOTTOM_RIGHT
      });
    });
  }

  /* A marker's popup; its close button is named in the page's language (Leaflet's says "Close popup"). */
  function bind(map, marker, content, closeName) {
    marker.bindPopup(content);
    keepFocus(marker);
    panBack(map, marker);
    marker.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) close.setAttribute("aria-label", closeName);
      if (isSmall(map)) aboveSheet(map, marker);
    });
  }

  /* Where Leaflet moved the map to show a popup, closing it moves the map back, unless the
     reader moved it meanwhile: the places are again where the reader saw them, and the next
     tap lands on the marker it aims at. Leaflet's move has only begun when the popup opens,
     so the map's centre is still the one before it. */
  function panBack(map, marker) {
    var before = null;
    function moved() { before = null; }
    marker.on("popupopen", function (event) {
      before = event.popup.options.autoPan ? map.getCenter() : null;
      map.once("dragstart zoomstart", moved);
    });
    marker.on("popupclose", function () {
      map.off("dragstart zoomstart", moved);
      if (before && !before.equals(map.getCenter())) map.panTo(before, { animate: false });
      before = null;
    });
  }

  /* With the sheet open, the marker is moved into the room above it, when there is any. */
  function aboveSheet(map, marker) {
    var sheet = boxOf(map, marker.getPopup().getElement()), mark = boxOf(map, marker.getElement());
    var dx = shortfall(mark.left, mark.right, 0, map.getSize().x);
    var dy = shortfall(mark.top, mark.bottom, 0, Math.max(mark.bottom - mark.top, sheet.top));
    if (dx || dy) map.panBy([dx, dy], { animate: false });
  }

  /* A popup opened from the keyboard takes the focus, so that a screen reader
     reads it; Escape closes it (Leaflet heeds Escape only when the map itself
     has the focus) and gives the focus back to its marker. */
  function keepFocus(marker) {
    var fromKeyboard = false;
    marker.getElement().addEventListener("keydown", function (key) {
      if (key.key !== " ") return;  // Space opens, as Enter does
      key.preventDefault();
      marker.openPopup();
    });
    marker.on("popupopen", function (event) {
      var content = event.popup.getElement().querySelector(".mg-popup");
      event.popup.getElement().addEventListener("keydown", function (key) {
        if (key.key === "Escape") marker.closePopup();  // from any control in it, the close button too
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

  /* Widen the view just enough to take in the marker, and open it; then
     move the map once so that the popup and the marker under it are both in
     view (the popup's own pan keeps only the popup in view, and is animated).
     A sheet stays where it is, and the marker goes above it. */
  function reveal(map, marker) {
    var bounds = map.getBounds().extend(marker.getLatLng());
    map.fitBounds(bounds, { maxZoom: map.getZoom(), animate: false });
    var popup = marker.getPopup(), options = popup.options, autoPan = options.autoPan;
    options.autoPan = false;
    marker.openPopup();
    options.autoPan = autoPan;
    if (!isSmall(map)) intoView(map, marker);  // else the sheet's own popupopen placed the marker
  }

  /* Move the map once, with no animation, so that an open popup and its marker are both in view. */
  function intoView(map, marker) {
    var popup = marker.getPopup(), options = popup.options;
    var size = map.getSize();  // each side's margin as Leaflet reads it: its own, else the common one
    var start = L.point(options.autoPanPaddingTopLeft || options.autoPanPadding);
    var end = L.point(options.autoPanPaddingBottomRight || options.autoPanPadding);
    var popupBox = boxOf(map, popup.getElement()), markerBox = boxOf(map, marker.getElement());
    var box = {
      left: Math.min(popupBox.left, markerBox.left), top: Math.min(popupBox.top, markerBox.top),
      right: Math.max(popupBox.right, markerBox.right), bottom: Math.max(popupBox.bottom, markerBox.bottom)
    };
    var dx = shortfall(box.left, box.right, start.x, size.x - end.x);
    var dy = shortfall(box.top, box.bottom, start.y, size.y - end.y);
    if (dx || dy) map.panBy([dx, dy], { animate: false });
  }

  /* How far to move a span [low, high] to bring it inside [min, max]; its start wins when it cannot fit. */
  function shortfall(low, high, min, max) {
    if (low < min || high - low > max - min) return low - min;
    return high > max ? high - max : 0;
  }

  /* An element's box in the map's own coordinates. */
  function boxOf(map, element) {
    var frame = map.getContainer().getBoundingClientRect(), b = element.getBoundingClientRect();
    return { left: b.left - frame.left, top: b.top - frame.top, right: b.right - frame.left, bottom: b.bottom - frame.top };
  }

  return { fit: fit, bind: bind, reveal: reveal, intoView: intoView, boxOf: boxOf };
})();
