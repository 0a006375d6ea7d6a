// `ticketbridge/jsonata` on Node: the jsonata-js drop-in with the Node entry's loader.
import './node-host-jsonata.mjs';

export { default } from './dropin.mjs';
