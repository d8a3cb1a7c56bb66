package dev.smartretry.history;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Sorts rows into {@link AttemptRow#INVOICE_ORDER} with bounded memory: rows are buffered up to a
 * limit, each full buffer is sorted and spilled to a temporary run file, and the runs are merged. A
 * file that fits in one buffer never touches the disk. This is what lets the reader accept rows of
 * an invoice scattered anywhere in the file (exports ordered by time, say).
 */
final class RowSorter implements Closeable {
  private final int maxRowsInMemory;
  private final Path tempDirectory;
  private final List<AttemptRow> buffer = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private final List<DataInputStream> openRuns = new ArrayList<>();

  RowSorter(int maxRowsInMemory, Path tempDirectory) {
    this.maxRowsInMemory = maxRowsInMemory;
    this.tempDirectory = tempDirectory;
  }

  void add(AttemptRow row) {
    buffer.add(row);
    if (buffer.size() >= maxRowsInMemory) {
      spill();
    }
  }

  /** All rows added, in invoice order. Call once, after the last {@link #add}. */
  Iterator<AttemptRow> sorted() {
    buffer.sort(AttemptRow.INVOICE_ORDER);
    if (runs.isEmpty()) {
      return buffer.iterator();
    }
    List<Iterator<AttemptRow>> sources = new ArrayList<>();
    sources.add(buffer.iterator());
    for (Path run : runs) {
      sources.add(openRun(run));
    }
    return new MergingIterator(sources);
  }

  int spilledRuns() {
    return runs.size();
  }

  private void spill() {
    buffer.sort(AttemptRow.INVOICE_ORDER);
    try {
      Path run = Files.createTempFile(tempDirectory, "smart-retry-sort-", ".run");
      runs.add(run);
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
        for (AttemptRow row : buffer) {
          RowCodec.write(row, out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a sort run in " + tempDirectory, e);
    }
    buffer.clear();
  }

  private Iterator<AttemptRow> openRun(Path run) {
    try {
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
      openRuns.add(in);
      return new RunIterator(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sort run " + run, e);
    }
  }

  @Override
  public void close() {
    for (DataInputStream in : openRuns) {
      try {
        in.close();
      } catch (IOException ignored) {
        // Closing a read-only temp file cannot lose data; deleting it below is what matters.
      }
    }
    for (Path run : runs) {
      try {
        Files.deleteIfExists(run);
      } catch (IOException e) {
        run.toFile().deleteOnExit();
      }
    }
    buffer.clear();
  }

  private static final class RunIterator implements Iterator<AttemptRow> {
    private final DataInputStream in;
    private AttemptRow next;

    RunIterator(DataInputStream in) {
      this.in = in;
      advance();
    }

    private void advance() {
      try {
        next = RowCodec.read(in);
      } catch (EOFException end) {
        next = null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public AttemptRow next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      AttemptRow row = next;
      advance();
      return row;
    }
  }

  private static final class MergingIterator implements Iterator<AttemptRow> {
    private record Head(AttemptRow row, Iterator<AttemptRow> source) {}

    private final PriorityQueue<Head> heads =
        new PriorityQueue<>((a, b) -> AttemptRow.INVOICE_ORDER.compare(a.row, b.row));

    MergingIterator(List<Iterator<AttemptRow>> sources) {
      for (Iterator<AttemptRow> source : sources) {
        if (source.hasNext()) {
          heads.add(new Head(source.next(), source));
        }
      }
    }

    @Override
    public boolean hasNext() {
      return !heads.isEmpty();
    }

    @Override
    public AttemptRow next() {
      Head head = heads.poll();
      if (head == null) {
        throw new NoSuchElementException();
      }
      if (head.source.hasNext()) {
        heads.add(new Head(head.source.next(), head.source));
      }
      return head.row;
    }
  }
}
