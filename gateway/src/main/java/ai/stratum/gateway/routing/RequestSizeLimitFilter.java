package ai.stratum.gateway.routing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies: a declared {@code Content-Length} over the limit is refused with 413 before
 * a byte is read; a body without one fails once it grows past the limit and the proxy answers 413.
 * Runs after Spring Security, so callers without a credential get 401 whatever they send.
 */
@Component
class RequestSizeLimitFilter extends OncePerRequestFilter implements Ordered {

  private static final String EXCEEDED = RequestSizeLimitFilter.class.getName() + ".exceeded";

  private final RoutingProperties properties;

  RequestSizeLimitFilter(RoutingProperties properties) {
    this.properties = properties;
  }

  @Override
  public int getOrder() {
    return 0;
  }

  /** Whether this request's body was cut off at its limit. */
  static boolean exceeded(HttpServletRequest request) {
    return request.getAttribute(EXCEEDED) != null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = properties.maxRequestBytes(Route.forPath(request.getRequestURI()).orElse(null));
    if (request.getContentLengthLong() > limit) {
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(limit));
      return;
    }
    chain.doFilter(new LimitedRequest(request, limit), response);
  }

  static String tooLarge(long limit) {
    return "The request body exceeds the limit of " + limit + " bytes.";
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {

    private final long limit;
    private ServletInputStream limited;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (limited == null) {
        limited = new LimitedInputStream(super.getInputStream(), limit, this);
      }
      return limited;
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {

    private final ServletInputStream in;
    private final long limit;
    private final HttpServletRequest request;
    private long read;

    LimitedInputStream(ServletInputStream in, long limit, HttpServletRequest request) {
      this.in = in;
      this.limit = limit;
      this.request = request;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > limit) {
        request.setAttribute(EXCEEDED, Boolean.TRUE);
        throw new IOException(tooLarge(limit));
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
