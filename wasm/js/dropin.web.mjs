// `ticketbridge/jsonata` in browsers and workers: the drop-in with the browser entry's loader.
import './web-host-jsonata.mjs';

export { default } from './dropin.mjs';
