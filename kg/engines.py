"""Where documents are parsed and extracted: in this process (``local``; with ``-j N``
in a pool of N worker processes) or on a Dask cluster (``dask``).

``extract_partition`` is the one unit of work, and engine-neutral: a list of documents
in, their extractions (or a Failure for each that failed) out, the spaCy model loaded
once per process (``load_nlp`` is cached). The same function can run under Spark's
``mapPartitions`` or Ray's ``map_batches``. ``extract_on_dask`` sends partitions to the
cluster a few at a time (so memory stays flat) and yields the results in input order,
so every engine gives the same graph.
"""

from __future__ import annotations

import tempfile
from collections import deque
from collections.abc import Iterable, Iterator

from .errors import UsageError
from .types import Extraction, Failure, SourceDoc

ENGINES = ("local", "dask")
#: Documents per partition sent to a Dask worker.
PARTITION_DOCS = 32


def extract_partition(
    docs: list[SourceDoc], model: str | None = None, triggers: str | None = None
) -> list:
    """Parse and extract ``docs`` in this process: an Extraction, or a Failure (E021)
    for a document whose extraction raised, per document, in order (``triggers``: the
    trained trigger model, as ``kg.extract.nlp.load_nlp`` takes it)."""
    return [result for _, result in _local(docs, model, 1, triggers)]


def _partitions(docs: Iterable[SourceDoc], size: int) -> Iterator[list[SourceDoc]]:
    batch: list[SourceDoc] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def dask_client(scheduler: str | None, workers: int, scratch: str):
    """A client of the cluster at ``scheduler``, or of a new LocalCluster of ``workers``
    single-threaded processes bound to 127.0.0.1 (no dashboard); returns (client,
    cluster or None)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(
            "--engine dask needs dask[distributed]: pip install 'dask[distributed]'"
        ) from None
    if scheduler:
        return Client(scheduler), None
    import dask

    with dask.config.set({"temporary-directory": scratch}):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            local_directory=scratch,
        )
    return Client(cluster), cluster


def extract_on_dask(
    docs: Iterable[SourceDoc],
    *,
    model: str | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    partition_docs: int = PARTITION_DOCS,
    triggers: str | None = None,
) -> Iterator[tuple[SourceDoc, Extraction | Failure]]:
    """``extract_partition`` over partitions of ``docs`` on Dask: (document, result)
    pairs in input order."""
    with tempfile.TemporaryDirectory(prefix="kg-dask-") as scratch:
        client, cluster = dask_client(scheduler, workers, scratch)
        try:
            window = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)

            def submit(part: list[SourceDoc]):
                return client.submit(extract_partition, part, model, triggers, pure=False)

            yield from _in_order(submit, _partitions(docs, partition_docs), window)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _in_order(submit, parts: Iterable[list[SourceDoc]], window: int) -> Iterator:
    """(document, result) pairs of partitions run through ``submit`` (which returns a
    future), at most ``window`` partitions in flight, in input order."""
    pending: deque = deque()
    for part in parts:
        pending.append((part, submit(part)))
        while len(pending) >= window:
            part, future = pending.popleft()
            yield from zip(part, future.result(), strict=True)
    while pending:
        part, future = pending.popleft()
        yield from zip(part, future.result(), strict=True)


def extract_in_pool(
    docs: Iterable[SourceDoc],
    *,
    model: str | None,
    jobs: int,
    partition_docs: int = 4,
    triggers: str | None = None,
) -> Iterator[tuple[SourceDoc, Extraction | Failure]]:
    """``extract_partition`` in ``jobs`` worker processes (each loads the model once and
    parses *and* extracts, so our rules run in parallel too), results in input order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:

        def submit(part: list[SourceDoc]):
            return pool.submit(extract_partition, part, model, triggers)

        yield from _in_order(submit, _partitions(docs, partition_docs), 4 * jobs)


def extract_with(
    engine: str,
    docs: Iterable[SourceDoc],
    *,
    model: str | None,
    jobs: int,
    scheduler: str | None,
    triggers: str | None = None,
) -> Iterator[tuple[SourceDoc, Extraction | Failure]]:
    """(document, its Extraction or a Failure) from ``engine``, in input order."""
    if engine not in ENGINES:
        raise UsageError(f"--engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if engine == "dask":
        return extract_on_dask(
            docs, model=model, scheduler=scheduler, workers=jobs, triggers=triggers
        )
    if scheduler:
        raise UsageError("--scheduler needs --engine dask")
    if jobs > 1:
        return extract_in_pool(docs, model=model, jobs=jobs, triggers=triggers)
    return _local(docs, model, jobs, triggers)


def _local(
    docs: Iterable[SourceDoc], model: str | None, jobs: int, triggers: str | None = None
) -> Iterator:
    from .extract import load_nlp, model_name
    from .extract.parsed import parse_many

    nlp = load_nlp(model, triggers)
    name = model_name(nlp)
    for parsed in parse_many(docs, nlp, n_process=max(1, jobs)):
        yield parsed.doc, _extract_one(parsed, name)


def _extract_one(parsed, name: str) -> Extraction | Failure:
    from .errors import KgError
    from .extract import extract_parsed

    doc = parsed.doc
    try:
        return extract_parsed(parsed, name)
    except KgError:
        raise
    except Exception as exc:  # a bug or a pathological document: report, go on
        return Failure(doc.source or doc.id, f"{doc.id}: extraction failed ({exc!r})", "E021")
