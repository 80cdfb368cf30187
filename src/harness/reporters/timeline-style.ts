/** The inline CSS of the HTML timeline's pages (scenario pages and the index). */
export const TIMELINE_CSS = `
:root { color-scheme: light; --fg: #1d232b; --dim: #667085; --line: #d0d5dd; --bad: #c0262d; --ok: #1f7a3a; }
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.45 system-ui, sans-serif; color: var(--fg); background: #fff; }
header { padding: 10px 16px; border-bottom: 1px solid var(--line); }
h1 { font-size: 17px; margin: 0 0 4px; }
h2 { font-size: 14px; margin: 14px 0 6px; }
a { color: #1a56c4; }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
.status { font-weight: 600; padding: 1px 6px; border-radius: 3px; color: #fff; }
.passed { background: var(--ok); }
.failed { background: var(--bad); }
.meta { color: var(--dim); }
main { padding: 8px 16px 24px; }
.failures pre { background: #fff4f4; border-left: 3px solid var(--bad); padding: 6px 8px; margin: 4px 0;
  white-space: pre-wrap; max-height: 16em; overflow: auto; }
.diff { background: #fff4f4; border: 1px solid var(--bad); padding: 6px 8px; margin: 8px 0; }
.toolbar { display: flex; gap: 6px; align-items: center; margin: 6px 0; }
.toolbar button { font: inherit; padding: 2px 8px; }
.toolbar .hint { color: var(--dim); }
.timeline { display: grid; grid-template-columns: 170px 1fr; border: 1px solid var(--line); }
.labels { border-right: 1px solid var(--line); }
.lane-label { height: var(--lane-h); display: flex; align-items: center; padding: 0 8px; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; border-bottom: 1px solid #eef0f3; }
.axis-label { height: var(--axis-h); }
.plot { position: relative; min-width: 0; }
canvas { display: block; width: 100%; cursor: crosshair; }
#readout { color: var(--dim); min-height: 1.5em; margin: 4px 0; }
.panes { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
#detail, #chat { background: #f6f8fa; border: 1px solid var(--line); padding: 8px; margin: 0; max-height: 32em;
  overflow: auto; white-space: pre-wrap; word-break: break-word; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid #eef0f3; }
td.num { text-align: right; }
`;
