package dev.kserve4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a loopback port in front of an API server, which a test can make go away ({@link
 * #close()}: connections refused) or stop answering ({@link #hang()}: connections are still
 * accepted, and bytes still read, but nothing reaches the server or comes back).
 */
final class ApiServerProxy implements AutoCloseable {
  private final InetSocketAddress upstream;
  private final ServerSocket listener;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean hanging;

  /** Starts forwarding to {@code upstreamUrl}, e.g. http://localhost:1234. */
  ApiServerProxy(String upstreamUrl) {
    URI uri = URI.create(upstreamUrl);
    this.upstream = new InetSocketAddress(uri.getHost(), uri.getPort());
    try {
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on a loopback port", e);
    }
    Thread.ofPlatform().daemon().name("proxy-accept").start(this::accept);
  }

  String url() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /** From now on nothing is forwarded either way, on open connections and new ones alike. */
  void hang() {
    hanging = true;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        if (hanging) {
          Thread.ofPlatform().daemon().start(() -> pump(client, null));
          continue;
        }
        Socket server = new Socket(upstream.getAddress(), upstream.getPort());
        sockets.add(server);
        Thread.ofPlatform().daemon().start(() -> pump(client, server));
        Thread.ofPlatform().daemon().start(() -> pump(server, client));
      } catch (IOException e) {
        // Closed: the proxy went away, as the API server it stands for.
      }
    }
  }

  /** Copies {@code from} to {@code to} until either closes; drops the bytes while hanging. */
  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to == null ? null : to.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (!hanging && out != null) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
      if (!hanging && to != null) {
        to.shutdownOutput();
      }
    } catch (IOException e) {
      // One side closed: the other pump ends the same way.
    }
  }

  /** Stops listening and closes every connection: the API server is gone. */
  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // Already closed.
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // Already closed.
      }
    }
  }
}
