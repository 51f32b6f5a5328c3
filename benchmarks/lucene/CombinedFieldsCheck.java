// CombinedFields.java against Lucene 9's own CombinedFieldQuery (sandbox), in
// Lucene 9: usage java -cp LUCENE9_JAR:CLASSES CombinedFieldsCheck DOCS.tsv N
// DOCS.tsv holds a document a line, title TAB text; a third of the titles are
// left out (a field some documents lack), the index has several segments, and
// N queries of 1-3 words drawn from the texts (some twice) run through both.
// Run twice: on plain words with Lucene's default BM25, and as the export
// indexes text (each word followed at its position by its marked copy =w=,
// lengths counting both: discount_overlaps false), with marked terms in the
// queries.  Prints "queries N differing D largest-relative-difference X".

import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.*;
import org.apache.lucene.index.*;
import org.apache.lucene.sandbox.search.CombinedFieldQuery;
import org.apache.lucene.search.*;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

public class CombinedFieldsCheck {
  /** Each token, then "=token=" at the same position (the export's marked form). */
  static final class Marked extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute inc = addAttribute(PositionIncrementAttribute.class);
    private State pending;
    Marked(TokenStream in) { super(in); }
    @Override public boolean incrementToken() throws java.io.IOException {
      if (pending != null) {
        restoreState(pending);
        pending = null;
        String t = term.toString();
        term.setEmpty().append('=').append(t).append('=');
        inc.setPositionIncrement(0);
        return true;
      }
      if (!input.incrementToken()) return false;
      pending = captureState();
      return true;
    }
    @Override public void reset() throws java.io.IOException { super.reset(); pending = null; }
  }

  public static void main(String[] a) throws Exception {
    List<String> lines = Files.readAllLines(Paths.get(a[0]), StandardCharsets.UTF_8);
    run(lines, Integer.parseInt(a[1]), false);
    run(lines, Integer.parseInt(a[1]), true);
  }

  static void run(List<String> lines, int n, boolean marked) throws Exception {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    BM25Similarity sim = new BM25Similarity(1.2f, 0.75f, !marked);
    Analyzer analyzer = !marked ? new WhitespaceAnalyzer() : new Analyzer() {
      @Override protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new WhitespaceTokenizer();
        return new TokenStreamComponents(source, new Marked(source));
      }
    };
    IndexWriterConfig cfg = new IndexWriterConfig(analyzer).setSimilarity(sim);
    List<String> vocab = new ArrayList<>();
    Random rnd = new Random(7);
    try (IndexWriter w = new IndexWriter(dir, cfg)) {
      int i = 0;
      for (String line : lines) {
        String[] p = line.split("\t", 2);
        Document d = new Document();
        d.add(new StringField("_id", Integer.toString(i++), Field.Store.YES));
        if (!p[0].isEmpty() && rnd.nextInt(3) > 0) d.add(new TextField("title", p[0], Field.Store.NO));
        d.add(new TextField("text", p[1], Field.Store.NO));
        for (String t : p[1].split(" ")) if (!t.isEmpty() && rnd.nextInt(50) == 0) vocab.add(t);
        w.addDocument(d);
        if (i % 500 == 0) w.commit();  // several segments
      }
    }
    DirectoryReader r = DirectoryReader.open(dir);
    IndexSearcher s = new IndexSearcher(r);
    s.setSimilarity(sim);
    s.setQueryCache(null);
    double worst = 0; int orderDiff = 0;
    for (int q = 0; q < n; q++) {
      int k = 1 + rnd.nextInt(3);
      List<BytesRef> terms = new ArrayList<>();
      CombinedFieldQuery.Builder b = new CombinedFieldQuery.Builder().addField("title", 2f).addField("text", 1f);
      for (int j = 0; j < k; j++) {
        String w = vocab.get(rnd.nextInt(vocab.size()));
        BytesRef t = new BytesRef(marked && rnd.nextBoolean() ? "=" + w + "=" : w);
        terms.add(t);
        b.addTerm(t);
      }
      Map<String, Float> fields = new LinkedHashMap<>(); fields.put("title", 2f); fields.put("text", 1f);
      TopDocs theirs = s.search(b.build(), 20);
      TopDocs ours = s.search(new CombinedFields(fields, terms, sim), 20);
      if (theirs.scoreDocs.length != ours.scoreDocs.length) orderDiff++;
      for (int j = 0; j < Math.min(theirs.scoreDocs.length, ours.scoreDocs.length); j++) {
        ScoreDoc x = theirs.scoreDocs[j], y = ours.scoreDocs[j];
        double rel = Math.abs(x.score - y.score) / Math.max(1e-9, x.score);
        worst = Math.max(worst, rel);
        if (x.doc != y.doc) {
          System.out.println("differs: " + terms.stream().map(BytesRef::utf8ToString).reduce("", (u, v) -> u + "|" + v)
                             + " at rank " + j + ": " + x.doc + " " + x.score + " against " + y.doc + " " + y.score);
          orderDiff++;
          break;
        }
      }
      if (theirs.totalHits.value != ours.totalHits.value && theirs.totalHits.relation == TotalHits.Relation.EQUAL_TO) orderDiff++;
    }
    System.out.println("queries " + n + " differing " + orderDiff + " largest-relative-difference " + worst
                       + (marked ? " (marked forms, discount_overlaps false)" : " (plain words)"));
  }
}
