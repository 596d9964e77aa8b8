//! The export's stylesheet, inline so the file stands alone. Colours meet
//! WCAG AA contrast on white; print gets page breaks and no navigation.

pub const STYLESHEET: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 "DejaVu Sans", Verdana, Arial, Helvetica, sans-serif; color: #1a1a1a; background: #ffffff; }
a { color: #1d4ed8; }
a:focus-visible, [tabindex]:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: #ffffff; padding: 0.5rem 1rem; }
.skip:focus { left: 1rem; }
header.doc, nav.toc, main, footer.doc { max-width: 72rem; margin: 0 auto; padding: 0 1.5rem; }
header.doc { padding-top: 2rem; border-bottom: 3px solid #7f1d1d; padding-bottom: 1rem; }
.kicker { margin: 0; color: #475569; font-size: 0.9rem; text-transform: uppercase; letter-spacing: 0.05em; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0.3rem 0 1rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid #cbd5e1; }
h3 { font-size: 1.2rem; margin: 1.75rem 0 0.5rem; }
h4, h5, h6 { font-size: 1rem; margin: 1.25rem 0 0.5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
dl.facts dt { font-weight: bold; color: #334155; }
dl.facts dd { margin: 0; }
nav.toc { margin-top: 1rem; }
nav.toc h2 { font-size: 1rem; border: 0; margin: 0.5rem 0; }
nav.toc ul { margin: 0; padding-left: 0; list-style: none; columns: 2; }
.durations { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; margin: 1rem 0; list-style: none; }
.durations li { border: 1px solid #cbd5e1; border-radius: 6px; padding: 0.5rem 1rem; min-width: 11rem; }
.durations .value { display: block; font-size: 1.4rem; font-weight: bold; color: #0f172a; }
.durations .label { color: #475569; font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; margin: 0.75rem 0 1.25rem; font-size: 0.92rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; color: #334155; }
th, td { border: 1px solid #cbd5e1; padding: 0.35rem 0.55rem; text-align: left; vertical-align: top; }
thead th { background: #e2e8f0; color: #0f172a; }
tbody tr:nth-child(even) { background: #f8fafc; }
.nowrap { white-space: nowrap; }
.muted { color: #475569; }
.tag { display: inline-block; border: 1px solid #94a3b8; border-radius: 999px; padding: 0 0.5rem; margin-right: 0.25rem; font-size: 0.85rem; }
.state-proposed { font-style: italic; color: #475569; }
figure { margin: 1rem 0 1.5rem; }
figcaption { color: #334155; font-size: 0.92rem; margin-top: 0.35rem; }
.scroll { overflow-x: auto; border: 1px solid #e2e8f0; border-radius: 6px; }
.scroll svg { display: block; }
ul.causes, ul.causes ul { list-style: none; padding-left: 1.25rem; border-left: 2px solid #cbd5e1; }
ul.causes { padding-left: 0.75rem; }
ul.causes li { margin: 0.35rem 0; }
.id { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; color: #334155; }
article.comment { border-left: 4px solid #94a3b8; padding: 0.25rem 1rem; margin: 1rem 0; background: #f8fafc; }
article.comment h3 { font-size: 1rem; margin: 0.5rem 0; }
.markdown pre, .markdown code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
.markdown pre { background: #f1f5f9; padding: 0.75rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
blockquote { border-left: 4px solid #cbd5e1; margin-left: 0; padding-left: 1rem; color: #334155; }
footer.doc { margin-top: 3rem; padding-top: 1rem; padding-bottom: 2rem; border-top: 1px solid #cbd5e1; color: #475569; font-size: 0.9rem; }
@media print {
  @page { margin: 16mm 14mm; }
  body { font-size: 10.5pt; }
  nav.toc, .skip { display: none; }
  header.doc, main, footer.doc { max-width: none; padding: 0; }
  h2 { break-before: page; break-after: avoid; }
  section:first-of-type > h2 { break-before: auto; }
  h3, h4, caption { break-after: avoid; }
  tr, figure, article.comment, .durations li { break-inside: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; border: 0; }
  .scroll svg { max-width: 100%; height: auto; }
  a { color: inherit; text-decoration: underline; }
  tbody tr:nth-child(even) { background: none; }
}
"#;
