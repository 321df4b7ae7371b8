import { type WorkflowDefinition } from "@fastnext/workflow";

const NODE_W = 150;
const NODE_H = 46;
const COL_GAP = 90;
const ROW_GAP = 36;
const PAD = 24;

interface Placed {
  key: string;
  name: string;
  kind: string;
  color: string | undefined;
  x: number;
  y: number;
}

/**
 * Columns by distance from the initial state (breadth-first along the
 * transitions); states no path reaches go in a last column, where they
 * stand out. Pure, so the picture follows every keystroke of the editor.
 */
export function layoutStates(definition: WorkflowDefinition): Placed[] {
  const states = definition.states.filter((state) => state.key !== "");
  const layer = new Map<string, number>();
  const start = states.find((state) => state.kind === "initial") ?? states[0];
  if (start) {
    layer.set(start.key, 0);
    const queue = [start.key];
    while (queue.length > 0) {
      const current = queue.shift() ?? "";
      const depth = layer.get(current) ?? 0;
      for (const transition of definition.transitions) {
        if (!transition.from.includes(current) || layer.has(transition.to)) continue;
        if (!states.some((state) => state.key === transition.to)) continue;
        layer.set(transition.to, depth + 1);
        queue.push(transition.to);
      }
    }
  }
  const deepest = Math.max(-1, ...layer.values());
  const rows = new Map<number, number>();
  return states.map((state) => {
    const column = layer.get(state.key) ?? deepest + 1;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    return {
      key: state.key,
      name: state.name || state.key,
      kind: state.kind,
      color: state.color,
      x: PAD + column * (NODE_W + COL_GAP),
      y: PAD + row * (NODE_H + ROW_GAP),
    };
  });
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The template's states and transitions as a graph, drawn as SVG. */
export function WorkflowDiagram({ definition }: { definition: WorkflowDefinition }) {
  const nodes = layoutStates(definition);
  const byKey = new Map(nodes.map((node) => [node.key, node]));
  const width = Math.max(...nodes.map((node) => node.x + NODE_W), 200) + PAD;
  const height = Math.max(...nodes.map((node) => node.y + NODE_H), 80) + PAD + 30;
  const edges = definition.transitions.flatMap((transition, index) =>
    transition.from.flatMap((from) => {
      const source = byKey.get(from);
      const target = byKey.get(transition.to);
      return source && target
        ? [{ id: `${index}-${from}`, name: transition.name || transition.key, source, target }]
        : [];
    }),
  );
  const summary = `${nodes.length} states and ${definition.transitions.length} transitions: ${definition.transitions
    .map((t) => `${t.name || t.key} from ${t.from.join(", ") || "nowhere"} to ${t.to || "nowhere"}`)
    .join("; ")}`;

  if (nodes.length === 0) {
    return <p className="diagram-empty">Add states to see the diagram.</p>;
  }

  return (
    <svg
      className="diagram"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-labelledby="diagram-title diagram-desc"
    >
      <title id="diagram-title">Workflow diagram</title>
      <desc id="diagram-desc">{summary}</desc>
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0 0 10 5 0 10z" className="diagram-arrow" />
        </marker>
      </defs>
      {edges.map((edge, index) => {
        const { source, target } = edge;
        let d: string;
        let lx: number;
        let ly: number;
        if (source.key === target.key) {
          // A loop above the state.
          const x = source.x + NODE_W / 2;
          d = `M${x - 20} ${source.y} C${x - 40} ${source.y - 40} ${x + 40} ${source.y - 40} ${x + 20} ${source.y}`;
          lx = x;
          ly = source.y - 34;
        } else if (target.x > source.x) {
          const sx = source.x + NODE_W;
          const sy = source.y + NODE_H / 2;
          const tx = target.x;
          const ty = target.y + NODE_H / 2;
          const bend = (tx - sx) / 2;
          d = `M${sx} ${sy} C${sx + bend} ${sy} ${tx - bend} ${ty} ${tx} ${ty}`;
          lx = (sx + tx) / 2;
          ly = (sy + ty) / 2 - 6;
        } else {
          // Backwards or within a column: an arc below both states.
          const sx = source.x + NODE_W / 2;
          const sy = source.y + NODE_H;
          const tx = target.x + NODE_W / 2;
          const ty = target.y + NODE_H;
          const drop = 36 + (index % 3) * 10;
          const low = Math.max(sy, ty) + drop;
          d = `M${sx} ${sy} C${sx} ${low} ${tx} ${low} ${tx} ${ty}`;
          lx = (sx + tx) / 2;
          ly = low - drop / 4;
        }
        return (
          <g key={edge.id} className="diagram-edge">
            <path d={d} markerEnd="url(#arrow)" />
            <text x={lx} y={ly} textAnchor="middle">
              {truncate(edge.name, 22)}
            </text>
          </g>
        );
      })}
      {nodes.map((node) => (
        <g key={node.key} className={`diagram-node diagram-${node.kind}`}>
          <rect
            x={node.x}
            y={node.y}
            width={NODE_W}
            height={NODE_H}
            rx="8"
            style={node.color ? { stroke: node.color } : undefined}
          />
          {node.kind === "final" ? (
            <rect
              x={node.x + 4}
              y={node.y + 4}
              width={NODE_W - 8}
              height={NODE_H - 8}
              rx="5"
              className="diagram-inner"
              style={node.color ? { stroke: node.color } : undefined}
            />
          ) : null}
          <text x={node.x + NODE_W / 2} y={node.y + NODE_H / 2 + 4} textAnchor="middle">
            {truncate(node.name, 20)}
          </text>
        </g>
      ))}
    </svg>
  );
}
