// The widget's own styles, inside its shadow root so the host page's CSS neither breaks
// nor is broken by them. Sizes in rem and a fluid width: readable from 320 px up.
export const WIDGET_CSS = `
:host { display: block; max-width: 34rem; font: 16px/1.45 system-ui, sans-serif; color: #1d232b; }
.chat { display: flex; flex-direction: column; border: 1px solid #b8c0cc; border-radius: 10px; background: #fff; min-height: 26rem; }
header { display: flex; align-items: center; justify-content: space-between; gap: .5rem; padding: .6rem .9rem; border-bottom: 1px solid #dde2e8; }
h2 { font-size: 1.05rem; margin: 0; }
.log { list-style: none; margin: 0; padding: .8rem; display: flex; flex-direction: column; gap: .5rem; flex: 1; overflow-y: auto; max-height: 26rem; }
.msg { max-width: 85%; padding: .5rem .75rem; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg.assistant { background: #eef2f7; align-self: flex-start; }
.msg.employee { background: #0b5cad; color: #fff; align-self: flex-end; }
.panel:empty { display: none; }
.panel { padding: 0 .8rem .6rem; }
.card { border: 1px solid #b8c0cc; border-radius: 8px; padding: .7rem .8rem; background: #fafbfc; }
.card.success { border-color: #2e7d32; background: #f1f8f1; }
.card.failure { border-color: #b3261e; background: #fdf3f2; }
.card > p:first-child { margin-top: 0; }
.card .title { font-weight: 600; margin: 0 0 .4rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .7rem; margin: 0 0 .6rem; }
dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .6rem; }
textarea { width: 100%; box-sizing: border-box; font: inherit; margin-top: .3rem; }
.status { min-height: 1.45em; margin: 0; padding: 0 .9rem; color: #4a5563; font-size: .9rem; }
.error { color: #b3261e; padding: .6rem 0; }
.hint { font-size: .9rem; color: #4a5563; }
.composer { display: flex; gap: .5rem; padding: .7rem .8rem; border-top: 1px solid #dde2e8; }
input { flex: 1; min-width: 0; font: inherit; padding: .45rem .6rem; border: 1px solid #8a94a3; border-radius: 6px; }
button { font: inherit; padding: .45rem .9rem; border-radius: 6px; border: 1px solid #8a94a3; background: #fff; color: #1d232b; cursor: pointer; }
button.primary { background: #0b5cad; border-color: #0b5cad; color: #fff; }
button.link { border: none; background: none; color: #0b5cad; text-decoration: underline; padding: .2rem; }
button:disabled, input:disabled { opacity: .55; cursor: not-allowed; }
a { color: #0b5cad; }
:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
