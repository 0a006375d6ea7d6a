// A serverless handler written in CommonJS: require('ticketbridge') gets the CJS entry.
const tb = require('ticketbridge');
const { run } = require('./run.mjs');

exports.handler = async () => run(tb, { itsmUrl: process.env.ITSM_URL, name: process.env.RUN_NAME ?? 'node-cjs' });
