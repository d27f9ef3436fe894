const h = require("http");
module.exports = h.createServer((q, r) => r.end("home"));
