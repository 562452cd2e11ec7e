/**
 * The Leaflet part of the risk map: the site plan as an image overlay in a simple (pixel) CRS — no
 * tile server — the areas as polygons in their risk colour, open hazards as markers, a popup per
 * area (its React content is rendered by the page through a portal) and the drawing of a new
 * outline (click adds a vertex, double-click finishes). Loaded only with the map page.
 *
 * Image pixels (x right, y down) ↔ Leaflet's simple CRS (lat up): lat = height − y, lng = x.
 * Tenant data (names, titles) never goes into Leaflet as HTML: tooltips and popups get DOM nodes.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Point } from '../../../../core/risks';
import type { MapArea, MapHazard, RiskMap } from '../api';
import { mapColor } from '../format';
import { hazardIconHtml } from './hazardIcons';

/** Canvas size when no plan is uploaded yet (outlines may exist already). */
export const DEFAULT_SIZE = { width: 1600, height: 1000 };

export interface RiskMapCanvasProps {
  data: RiskMap;
  /** The drawing mode: clicks add vertices to `draft`. */
  drawing: boolean;
  draft: Point[];
  onDraftChange: (points: Point[]) => void;
  onDraftFinish: () => void;
  /** Popup content of an area (rendered into the Leaflet popup through a portal). */
  renderPopup: (area: MapArea) => ReactNode;
  /** Open a hazard (marker popup link). */
  onOpenHazard: (id: string) => void;
  /** Change `seq` to fly to an area and open its popup. */
  focus: { areaId: string; seq: number } | null;
  /** Change to show the whole plan again. */
  fitSeq: number;
  labels: { openHazard: string; grade: (g: MapHazard['grade']) => string };
}

export function hazardIcon(major: boolean): L.DivIcon {
  return major
    ? L.divIcon({ className: 'zhian-map-hazard zhian-map-hazard-major', html: hazardIconHtml(true), iconSize: [28, 32], iconAnchor: [5, 30], popupAnchor: [8, -28] })
    : L.divIcon({ className: 'zhian-map-hazard', html: hazardIconHtml(false), iconSize: [22, 22], iconAnchor: [11, 11], popupAnchor: [0, -10] });
}

function textNode(tag: string, text: string, className?: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (className) el.className = className;
  return el;
}

export default function RiskMapCanvas({ data, drawing, draft, onDraftChange, onDraftFinish, renderPopup, onOpenHazard, focus, fitSeq, labels }: RiskMapCanvasProps) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const groups = useRef<{ areas: L.FeatureGroup; markers: L.LayerGroup; draft: L.LayerGroup } | null>(null);
  const overlay = useRef<L.ImageOverlay | null>(null);
  const popup = useRef<L.Popup | null>(null);
  const popupEl = useMemo(() => document.createElement('div'), []);
  const [popupAreaId, setPopupAreaId] = useState<string | null>(null);
  const fitted = useRef<string | null>(null);

  const width = data.sitePlan?.width ?? DEFAULT_SIZE.width;
  const height = data.sitePlan?.height ?? DEFAULT_SIZE.height;
  const toLatLng = useMemo(() => (p: Point) => L.latLng(height - p[1], p[0]), [height]);
  const fromLatLng = useMemo(() => (ll: L.LatLng): Point => [Math.round(ll.lng * 10) / 10, Math.round((height - ll.lat) * 10) / 10], [height]);

  // Handlers read the latest props through a ref (the map's listeners are bound once).
  const live = useRef({ drawing, draft, onDraftChange, onDraftFinish, onOpenHazard, fromLatLng, width, height });
  live.current = { drawing, draft, onDraftChange, onDraftFinish, onOpenHazard, fromLatLng, width, height };

  // the map, once
  useEffect(() => {
    const map = L.map(el.current!, {
      crs: L.CRS.Simple,
      minZoom: -4,
      maxZoom: 3,
      zoomSnap: 0.1,
      zoomDelta: 0.5,
      attributionControl: false,
      boxZoom: false,
    });
    mapRef.current = map;
    groups.current = { areas: L.featureGroup().addTo(map), markers: L.layerGroup().addTo(map), draft: L.layerGroup().addTo(map) };
    popup.current = L.popup({ maxWidth: 340, minWidth: 260, autoPanPadding: [24, 24], className: 'zhian-map-popup' }).setContent(popupEl);
    popup.current.on('remove', () => setPopupAreaId(null));

    map.on('click', (e: L.LeafletMouseEvent) => {
      const s = live.current;
      if (!s.drawing) return;
      const p = s.fromLatLng(e.latlng);
      const clamped: Point = [Math.min(Math.max(p[0], 0), s.width), Math.min(Math.max(p[1], 0), s.height)];
      const last = s.draft[s.draft.length - 1];
      // the clicks of a double-click land on the last vertex: not a new one
      if (last && map.latLngToContainerPoint(L.latLng(s.height - last[1], last[0])).distanceTo(e.containerPoint) < 6) return;
      s.onDraftChange([...s.draft, clamped]);
    });
    map.on('dblclick', () => {
      if (live.current.drawing) live.current.onDraftFinish();
    });
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, [popupEl]);

  // the plan image and the view
  useEffect(() => {
    const map = mapRef.current!;
    const bounds = L.latLngBounds([0, 0], [height, width]);
    overlay.current?.remove();
    overlay.current = data.sitePlan ? L.imageOverlay(data.sitePlan.url, bounds, { className: 'zhian-map-plan' }).addTo(map) : null;
    map.setMaxBounds(bounds.pad(0.4));
    const key = `${data.sitePlan?.url ?? ''}:${width}x${height}:${fitSeq}`;
    if (fitted.current !== key) {
      fitted.current = key;
      // room below for the legend
      map.fitBounds(bounds, { paddingTopLeft: [8, 8], paddingBottomRight: [8, 44] });
      map.setMinZoom(Math.floor(map.getZoom()) - 1);
    }
  }, [data.sitePlan, width, height, fitSeq]);

  // areas and hazard markers
  useEffect(() => {
    const g = groups.current!;
    g.areas.clearLayers();
    g.markers.clearLayers();
    for (const area of data.areas) {
      if (!area.polygon) continue;
      const fill = mapColor(area.color);
      const poly = L.polygon(area.polygon.map(toLatLng), {
        color: area.color ? fill : '#7c8794',
        weight: 2,
        opacity: 0.95,
        fillColor: fill,
        fillOpacity: 0.42,
        className: 'zhian-map-area',
      });
      const tip = document.createElement('div');
      tip.append(textNode('b', area.name), textNode('span', area.colorLabel ? ` · ${area.colorLabel}` : ''));
      poly.bindTooltip(tip, { sticky: true, direction: 'top', opacity: 0.95 });
      poly.on('click', (e: L.LeafletMouseEvent) => {
        if (live.current.drawing) return;
        setPopupAreaId(area.id);
        popup.current!.setLatLng(e.latlng).openOn(mapRef.current!);
      });
      poly.addTo(g.areas);
      const path = poly.getElement();
      path?.setAttribute('data-area', area.code);
      path?.setAttribute('data-color', area.color ?? 'none');
      path?.setAttribute('data-testid', 'map-area');

      for (const h of area.openHazards) {
        if (!h.position) continue;
        const major = h.grade === 'major';
        const marker = L.marker(toLatLng(h.position), { icon: hazardIcon(major), title: `${h.code} ${h.title}`, riseOnHover: true, zIndexOffset: major ? 500 : 0 });
        const box = document.createElement('div');
        box.className = 'zhian-map-hazard-popup';
        box.append(textNode('div', labels.grade(h.grade), major ? 'zhian-map-grade zhian-map-grade-major' : 'zhian-map-grade'), textNode('b', h.code), textNode('div', h.title));
        const link = textNode('a', labels.openHazard) as HTMLAnchorElement;
        link.href = `/hazards/${encodeURIComponent(h.id)}`;
        link.addEventListener('click', (ev) => {
          ev.preventDefault();
          live.current.onOpenHazard(h.id);
        });
        box.append(link);
        marker.bindPopup(box, { minWidth: 180 });
        marker.addTo(g.markers);
        const icon = marker.getElement();
        icon?.setAttribute('data-testid', major ? 'map-hazard-major' : 'map-hazard');
        icon?.setAttribute('data-hazard', h.code);
      }
    }
  }, [data.areas, toLatLng, labels]);

  // the outline being drawn
  useEffect(() => {
    const g = groups.current!;
    g.draft.clearLayers();
    mapRef.current!.getContainer().classList.toggle('zhian-map-drawing', drawing);
    if (drawing) mapRef.current!.doubleClickZoom.disable();
    else mapRef.current!.doubleClickZoom.enable();
    if (!drawing || !draft.length) return;
    const latlngs = draft.map(toLatLng);
    const style = { color: '#1677ff', weight: 2.5, dashArray: '6 5', fillColor: '#1677ff', fillOpacity: 0.12, interactive: false };
    (draft.length >= 3 ? L.polygon(latlngs, style) : L.polyline(latlngs, style)).addTo(g.draft);
    latlngs.forEach((ll, i) =>
      L.circleMarker(ll, { radius: i === 0 ? 6 : 4.5, color: '#1677ff', weight: 2, fillColor: '#fff', fillOpacity: 1, interactive: false }).addTo(g.draft),
    );
  }, [drawing, draft, toLatLng]);

  // leaving the drawing mode or new data: close a stale popup
  useEffect(() => {
    if (drawing) mapRef.current?.closePopup();
  }, [drawing]);

  // fly to an area and open its popup
  useEffect(() => {
    if (!focus) return;
    const area = data.areas.find((a) => a.id === focus.areaId);
    if (!area?.polygon || !mapRef.current) return;
    const b = L.latLngBounds(area.polygon.map(toLatLng));
    mapRef.current.fitBounds(b, { padding: [80, 80], maxZoom: 0 });
    setPopupAreaId(area.id);
    // on the area's upper edge, so the popup does not hide the area itself
    popup.current!.setLatLng(L.latLng(b.getNorth(), b.getCenter().lng)).openOn(mapRef.current);
  }, [focus?.seq]); // eslint-disable-line react-hooks/exhaustive-deps

  // the popup's size follows its React content
  const popupArea = popupAreaId ? data.areas.find((a) => a.id === popupAreaId) : undefined;
  useEffect(() => {
    const id = requestAnimationFrame(() => popup.current?.isOpen() && popup.current.update());
    return () => cancelAnimationFrame(id);
  });

  return (
    <>
      <div ref={el} className="zhian-map-canvas" data-testid="risk-map-canvas" />
      {popupArea && createPortal(renderPopup(popupArea), popupEl)}
    </>
  );
}
