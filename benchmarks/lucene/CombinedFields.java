// combined_fields as the engines run it today: one BM25F term over weighted
// fields (Robertson, Zaragoza and Taylor, "Simple BM25 extension to multiple
// weighted fields", CIKM 2004), with the statistics Lucene's
// CombinedFieldQuery computes:
//
//   freq(d)  = sum over fields f and terms t of  w_f * tf(t, f, d)
//   len(d)   = sum over the distinct fields f of  w_f * length_f(d)
//              (0 for a field the document does not have), rounded and
//              stored as Lucene stores a norm (SmallFloat.intToByte4)
//   avglen   = sum over fields of w_f * sumTotalTermFreq_f, over the largest
//              docCount of the fields
//   df       = the largest document frequency of a (field, term) pair
//   score(d) = boost * BM25(freq(d), len(d)) with k1, b of the similarity
//
// Written here rather than taken from Lucene 8.7 because its BM25FQuery
// (sandbox) has two bugs that later releases fixed, and that the engines a
// user moves to no longer have: a document without one of the fields gets
// another document's length for it (LUCENE-9999, fixed in 8.10), and a
// field's length is counted once per query term the segment holds in it,
// so three stacked terms triple every document's length (LUCENE-10236,
// fixed in 8.11).  Elasticsearch 7.17 and 8.x (Lucene 8.11 / 9) and
// OpenSearch 3.2+ (Lucene 10) score combined_fields this way.
//
// Checked against Lucene 9.5's own CombinedFieldQuery (org.apache.lucene.
// sandbox.search, in the Anserini jar that pyserini 0.22.1 ships on PyPI):
// the same top 20 and scores on 500 queries of 1-3 terms over the demo hadith
// with a third of the titles left out (tests/test_combined_fields_lucene9.py,
// CombinedFieldsCheck.java).  Like it, a term given twice counts once.
//
// Documents are found eagerly, one leaf at a time (every posting of every
// pair is read): the interpreter searches small proof indexes.  The class
// compiles against Lucene 8 and 9 alike.

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.SmallFloat;

final class CombinedFields extends Query {
    /** Lucene's decoding of a norm byte into a length. */
    private static final float[] LENGTH_TABLE = new float[256];
    static {
        for (int i = 0; i < 256; i++) LENGTH_TABLE[i] = SmallFloat.byte4ToInt((byte) i);
    }

    private final Map<String, Float> fields;  // field -> weight (>= 1), in order
    private final List<BytesRef> terms;
    private final BM25Similarity similarity;

    CombinedFields(Map<String, Float> fields, List<BytesRef> terms, BM25Similarity similarity) {
        this.fields = fields;
        this.terms = new ArrayList<>(new java.util.LinkedHashSet<>(terms));
        this.similarity = similarity;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode mode, float boost) throws IOException {
        long df = 0;
        double ttf = 0;
        List<Term> pairs = new ArrayList<>();
        List<TermStates> states = new ArrayList<>();
        for (Map.Entry<String, Float> f : fields.entrySet()) {
            for (BytesRef t : terms) {
                Term term = new Term(f.getKey(), t);
                TermStates ts = TermStates.build(searcher.getTopReaderContext(), term, true);
                pairs.add(term);
                states.add(ts);
                if (ts.docFreq() > 0) {
                    df = Math.max(df, ts.docFreq());
                    ttf += f.getValue() * ts.totalTermFreq();
                }
            }
        }
        long docCount = 0;
        double sumTtf = 0;
        long sumDf = 0;
        for (Map.Entry<String, Float> f : fields.entrySet()) {
            CollectionStatistics cs = searcher.collectionStatistics(f.getKey());
            if (cs == null) continue;
            docCount = Math.max(docCount, cs.docCount());
            sumDf = Math.max(sumDf, cs.sumDocFreq());
            sumTtf += f.getValue() * cs.sumTotalTermFreq();
        }
        Similarity.SimScorer sim = df == 0 ? null : similarity.scorer(boost,
            new CollectionStatistics("pseudo_field", searcher.getIndexReader().maxDoc(), docCount,
                                     Math.max((long) sumTtf, sumDf), sumDf),
            new TermStatistics(new BytesRef("pseudo_term"), df, Math.max(df, (long) ttf)));
        return new Weight(this) {
            // Lucene 8's abstract Weight.extractTerms (Lucene 9 has none: no @Override).
            public void extractTerms(Set<Term> out) {
                out.addAll(pairs);
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return false;
            }

            @Override
            public Explanation explain(LeafReaderContext ctx, int doc) throws IOException {
                Scorer s = scorer(ctx);
                if (s != null && s.iterator().advance(doc) == doc) {
                    return Explanation.match(s.score(), "BM25F of " + CombinedFields.this);
                }
                return Explanation.noMatch("no term of " + CombinedFields.this);
            }

            @Override
            public Scorer scorer(LeafReaderContext ctx) throws IOException {
                if (sim == null) return null;
                LeafReader reader = ctx.reader();
                float[] freq = new float[reader.maxDoc()];
                boolean any = false;
                for (int i = 0; i < pairs.size(); i++) {
                    org.apache.lucene.index.TermState state = states.get(i).get(ctx);
                    if (state == null) continue;
                    TermsEnum te = reader.terms(pairs.get(i).field()).iterator();
                    te.seekExact(pairs.get(i).bytes(), state);
                    PostingsEnum pe = te.postings(null, PostingsEnum.FREQS);
                    float w = fields.get(pairs.get(i).field());
                    for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
                        freq[d] += w * pe.freq();
                        any = true;
                    }
                }
                if (!any) return null;
                List<NumericDocValues> norms = new ArrayList<>();
                List<Float> weights = new ArrayList<>();
                for (Map.Entry<String, Float> f : fields.entrySet()) {
                    NumericDocValues nv = reader.getNormValues(f.getKey());
                    if (nv != null) {
                        norms.add(nv);
                        weights.add(f.getValue());
                    }
                }
                return new FreqScorer(this, freq, norms, weights, sim);
            }
        };
    }

    /** Scores the documents of a precomputed frequency array, in order. */
    private static final class FreqScorer extends Scorer {
        private final float[] freq;
        private final List<NumericDocValues> norms;
        private final List<Float> weights;
        private final Similarity.SimScorer sim;
        private final int[] normAt;
        private final boolean[] normHas;
        private int doc = -1;
        private final DocIdSetIterator it = new DocIdSetIterator() {
            @Override public int docID() { return doc; }
            @Override public int nextDoc() { return advance(doc + 1); }
            @Override public int advance(int target) {
                int d = Math.max(target, 0);
                while (d < freq.length && freq[d] == 0f) d++;
                doc = d < freq.length ? d : NO_MORE_DOCS;
                return doc;
            }
            @Override public long cost() { return freq.length; }
        };

        FreqScorer(Weight w, float[] freq, List<NumericDocValues> norms, List<Float> weights,
                   Similarity.SimScorer sim) {
            super(w);
            this.freq = freq;
            this.norms = norms;
            this.weights = weights;
            this.sim = sim;
            this.normAt = new int[norms.size()];
            this.normHas = new boolean[norms.size()];
            java.util.Arrays.fill(normAt, -1);
        }

        @Override public int docID() { return doc; }
        @Override public DocIdSetIterator iterator() { return it; }
        @Override public float getMaxScore(int upTo) { return Float.MAX_VALUE; }

        @Override
        public float score() throws IOException {
            // Norm iterators go forward only; the scorer visits documents in order.
            float length = 0f;
            for (int i = 0; i < norms.size(); i++) {
                if (normAt[i] != doc) {
                    normHas[i] = norms.get(i).advanceExact(doc);
                    normAt[i] = doc;
                }
                if (normHas[i]) {
                    length += weights.get(i)
                        * LENGTH_TABLE[Byte.toUnsignedInt((byte) norms.get(i).longValue())];
                }
            }
            return sim.score(freq[doc], SmallFloat.intToByte4(Math.round(length)));
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return "CombinedFields(" + fields + " " + terms.size() + " terms)";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CombinedFields)) return false;
        CombinedFields c = (CombinedFields) o;
        return fields.equals(c.fields) && terms.equals(c.terms);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, terms);
    }
}
