// A port on 127.0.0.1 that nothing listens on now, for a server a test starts (Redis, RT, a
// proxy). The kernel picks it; the listener is closed before the port is handed out.
import net from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
