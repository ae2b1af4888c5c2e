// Just enough TopoJSON to draw world-atlas's countries: decode the
// quantised, delta-encoded arcs and stitch them into polygon rings of
// [longitude, latitude] points.

export function rings(topology, objectName) {
  const { scale, translate } = topology.transform;
  const arcs = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * scale[0] + translate[0], y * scale[1] + translate[1]];
    });
  });
  const arcPoints = (i) => (i >= 0 ? arcs[i] : arcs[~i].slice().reverse());
  const ring = (indices) => {
    const points = [];
    for (const [k, i] of indices.entries()) {
      const part = arcPoints(i);
      // Consecutive arcs share their end point.
      points.push(...(k === 0 ? part : part.slice(1)));
    }
    return points;
  };
  const out = [];
  for (const g of topology.objects[objectName].geometries) {
    const polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    for (const polygon of polygons) {
      out.push({ id: g.id, name: g.properties?.name, rings: polygon.map(ring) });
    }
  }
  return out;
}
