// Cytoscape's node shapes as SVG path data, close to how the canvas draws them. Points are in a
// unit box (-1..1 on both axes), scaled to the node's width and height.
type Points = Array<[number, number]>;

function regular(sides: number, rotation: number): Points {
  const pts: Points = [];
  for (let i = 0; i < sides; i++) {
    const a = rotation + (2 * Math.PI * i) / sides;
    pts.push([Math.cos(a), Math.sin(a)]);
  }
  return fitToSquare(pts);
}

function star(): Points {
  const pts: Points = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (Math.PI * i) / 5;
    const r = i % 2 === 0 ? 1 : 0.382;
    pts.push([r * Math.cos(a), r * Math.sin(a)]);
  }
  return fitToSquare(pts);
}

/** Stretches the points so they touch every side of the unit box, as Cytoscape does. */
function fitToSquare(pts: Points): Points {
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return pts.map(([x, y]) => [((x - minX) / (maxX - minX)) * 2 - 1, ((y - minY) / (maxY - minY)) * 2 - 1]);
}

const POLYGONS: Record<string, Points> = {
  triangle: [
    [0, -1],
    [1, 1],
    [-1, 1],
  ],
  diamond: [
    [0, -1],
    [1, 0],
    [0, 1],
    [-1, 0],
  ],
  rectangle: [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ],
  pentagon: regular(5, -Math.PI / 2),
  hexagon: regular(6, 0),
  heptagon: regular(7, -Math.PI / 2),
  octagon: regular(8, Math.PI / 8),
  star: star(),
  tag: [
    [-1, -1],
    [0.5, -1],
    [1, 0],
    [0.5, 1],
    [-1, 1],
  ],
  vee: [
    [-1, -1],
    [0, -0.333],
    [1, -1],
    [0, 1],
  ],
  rhomboid: [
    [-1, -1],
    [0.333, -1],
    [1, 1],
    [-0.333, 1],
  ],
};

const round = (n: number) => Math.round(n * 100) / 100;

/** Path data of a node's outline at (x, y), `w` wide and `h` high. Unknown shapes are ellipses. */
export function shapePath(shape: string, x: number, y: number, w: number, h: number): string {
  const rx = w / 2;
  const ry = h / 2;
  const base = shape.replace(/^(round|cut|bottom-round)-/, '');
  const polygon = POLYGONS[base];
  if (base === 'rectangle' && shape !== 'rectangle') {
    const r = Math.min(rx, ry, 8) * 0.6;
    return roundedRect(x - rx, y - ry, w, h, r);
  }
  if (polygon) {
    return `M${polygon.map(([px, py]) => `${round(x + px * rx)} ${round(y + py * ry)}`).join('L')}Z`;
  }
  if (base === 'barrel') {
    // Straight top and bottom, gently curved sides.
    const c = (u: number, v: number) => `${round(x + u * rx)} ${round(y + v * ry)}`;
    return `M${c(-0.8, -1)}L${c(0.8, -1)}Q${c(1, -1)} ${c(1, -0.7)}L${c(1, 0.7)}Q${c(1, 1)} ${c(0.8, 1)}L${c(-0.8, 1)}Q${c(-1, 1)} ${c(-1, 0.7)}L${c(-1, -0.7)}Q${c(-1, -1)} ${c(-0.8, -1)}Z`;
  }
  // Ellipse as two arcs, so every shape is one <path>.
  return `M${round(x - rx)} ${round(y)}a${round(rx)} ${round(ry)} 0 1 0 ${round(w)} 0a${round(rx)} ${round(ry)} 0 1 0 ${round(-w)} 0Z`;
}

function roundedRect(x: number, y: number, w: number, h: number, r: number): string {
  const p = (n: number) => round(n);
  return `M${p(x + r)} ${p(y)}H${p(x + w - r)}Q${p(x + w)} ${p(y)} ${p(x + w)} ${p(y + r)}V${p(y + h - r)}Q${p(x + w)} ${p(y + h)} ${p(x + w - r)} ${p(y + h)}H${p(x + r)}Q${p(x)} ${p(y + h)} ${p(x)} ${p(y + h - r)}V${p(y + r)}Q${p(x)} ${p(y)} ${p(x + r)} ${p(y)}Z`;
}

/** Distance from a node's centre to its outline in direction (dx, dy), taken as an ellipse's. */
export function boundaryDistance(w: number, h: number, dx: number, dy: number): number {
  const len = Math.hypot(dx, dy);
  if (len === 0) return 0;
  const [cos, sin] = [dx / len, dy / len];
  const [a, b] = [w / 2, h / 2];
  if (a === 0 || b === 0) return 0;
  return (a * b) / Math.hypot(b * cos, a * sin);
}
