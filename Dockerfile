# The tsunagari API image (used by docker-compose.yml).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph graph
COPY loaders loaders
COPY queries queries
COPY api api
COPY seeds seeds
RUN pip install --no-cache-dir .
ENV TSUNAGARI_HOST=0.0.0.0 TSUNAGARI_PORT=8000
EXPOSE 8000
CMD ["sh", "-c", "tsunagari load && exec tsunagari serve"]
