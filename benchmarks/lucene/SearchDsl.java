// An exported seedsearch index, built and searched in real Lucene 8.
//
// Usage: java -cp LUCENE_JARS:CLASSES SearchDsl EXPORT_DIR WORKDIR
//
// EXPORT_DIR holds what `seedsearch export` writes: settings.json (analysis +
// mappings) and bulk-*.ndjson (bulk API pairs).  The analyzers are built by
// AnalyzeWords.build (the factories OpenSearch itself uses, see there); the
// mappings are read as the engines read them: a "text" property is analysed
// by its analyzer and so is each of its "fields" (name.sub), query text by
// their search_analyzer; "keyword" is one
// untokenized term; "date" is epoch milliseconds (points and doc values).
// Similarity: the index's default, settings.index.similarity.default (type
// BM25 with k1, b, discount_overlaps), as the engines read it; without one,
// Lucene's BM25 (k1 1.2, b 0.75, overlaps discounted), the engines' default.
// Other named BM25 similarities there apply to the fields whose mapping
// names them ("similarity"), by a per-field wrapper as the engines' own
// (combined_fields asks it for a "pseudo_field", which gets the default).
// No other index setting is read (any other key is rejected).  The
// documents are indexed in the order of the bulk files, one segment.
//
// Then prints "ready" and answers one search body (JSON) a line on stdin with
// one line: the "_id" and score of each top hit (size, default 10; a space
// between id and score, a tab between hits), or
// "REJECTED<TAB>reason" for any construct this interpreter does not know.
//
// The query DSL, as OpenSearch / Elasticsearch read it:
//   bool            must, should, filter, must_not, minimum_should_match, boost;
//                   should is optional beside must/filter, else at least one;
//                   only must_not: every document, score 0
//   combined_fields query, fields ["name^w"], boost: the query analysed by the
//                   fields' (one) analyzer, each position's tokens one BM25F
//                   term over the fields (CombinedFields.java: Lucene's
//                   CombinedFieldQuery as Elasticsearch 7.17+ / 8.x and
//                   OpenSearch 3.2+ run it for combined_fields), tokens OR'ed
//   match_phrase    {field: {query, slop, boost}}: Lucene's QueryBuilder phrase
//                   of the analysed tokens (a MultiPhraseQuery where tokens
//                   share a position, as the engines build it)
//   intervals       {field: {rule, boost}}: IntervalQuery (no idf, no norms);
//                   rules match (one position, its tokens OR'ed), all_of
//                   (max_gaps, ordered), any_of
//   term / terms    exact values (terms: constant score, as the engines do)
//   range           on a date field: gte / gt / lte / lt (ISO dates)
//   prefix          {field: {value, boost}}: constant score, as the engines'
//                   default rewrite
//   fuzzy           {field: {value, fuzziness, prefix_length, max_expansions,
//                   transpositions, boost}}: FuzzyQuery (blended top terms)
//   dis_max         queries, tie_breaker, boost
//   match           {field: {query, boost}} or {field: text}: the analysed tokens
//                   OR'ed, each a BM25 term (tokens at one position: one
//                   SynonymQuery)
//   match_all / match_none
//   sort            [{date: {order, missing: _last}}, "_score"] or none
//   rescore         {window_size, query: {rescore_query, query_weight,
//                   rescore_query_weight, score_mode: total}}: the best
//                   window_size hits re-scored by a second query (QueryRescorer)
// Any other key anywhere is REJECTED: a query the engines would read
// differently cannot pass unnoticed.

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.intervals.IntervalQuery;
import org.apache.lucene.queries.intervals.Intervals;
import org.apache.lucene.queries.intervals.IntervalsSource;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.PerFieldSimilarityWrapper;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

public class SearchDsl {

    static final class Rejected extends RuntimeException {
        Rejected(String why) { super(why); }
    }

    // field name (title, title.exact) -> analyzer; keyword and date fields
    final Map<String, Analyzer> textFields = new LinkedHashMap<>();
    // field name -> its search_analyzer (the analyzer when the mapping names none)
    final Map<String, Analyzer> searchAnalyzers = new HashMap<>();
    final Set<String> keywordFields = new HashSet<>();
    final Set<String> dateFields = new HashSet<>();
    BM25Similarity similarity = new BM25Similarity();
    // settings.index.similarity other than default, by name; and field -> name
    final Map<String, BM25Similarity> namedSimilarities = new HashMap<>();
    final Map<String, String> fieldSimilarities = new HashMap<>();
    IndexSearcher searcher;

    /** The default similarity, or the one a field's mapping names. */
    Similarity perField() {
        if (fieldSimilarities.isEmpty()) return similarity;
        return new PerFieldSimilarityWrapper() {
            @Override
            public Similarity get(String field) {
                String name = fieldSimilarities.get(field);
                return name == null ? similarity : namedSimilarities.get(name);
            }
        };
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object v, String where) {
        if (!(v instanceof Map)) throw new Rejected(where + ": expected an object");
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object v, String where) {
        if (!(v instanceof List)) throw new Rejected(where + ": expected a list");
        return (List<Object>) v;
    }

    static void only(Map<String, Object> m, String where, String... keys) {
        Set<String> allowed = new HashSet<>(Arrays.asList(keys));
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) throw new Rejected(where + ": unknown key " + k);
        }
    }

    static float num(Object v, float dflt) {
        return v == null ? dflt : Float.parseFloat(v.toString());
    }

    // -- the mappings and the index -------------------------------------------
    @SuppressWarnings("unchecked")
    void readMappings(Map<String, Object> body, Path work) throws IOException {
        Map<String, Object> settings = obj(body.get("settings"), "settings");
        only(settings, "settings", "analysis", "index");
        if (settings.containsKey("index")) readSimilarity(obj(settings.get("index"), "settings.index"));
        Map<String, Object> analysis = obj(settings.get("analysis"), "analysis");
        Map<String, Object> props = obj(obj(body.get("mappings"), "mappings").get("properties"),
                                        "properties");
        Map<String, Analyzer> built = new HashMap<>();
        for (Map.Entry<String, Object> e : props.entrySet()) {
            Map<String, Object> spec = obj(e.getValue(), e.getKey());
            String type = spec.get("type").toString();
            if (type.equals("text")) {
                // No "similarity" here: combined_fields takes the index's default only.
                only(spec, e.getKey(), "type", "analyzer", "search_analyzer", "fields");
                String a = spec.get("analyzer").toString();
                String sa0 = spec.getOrDefault("search_analyzer", a).toString();
                for (String n : new String[] {a, sa0}) {
                    if (!built.containsKey(n)) built.put(n, analyzer(analysis, n, work));
                }
                textFields.put(e.getKey(), built.get(a));
                searchAnalyzers.put(e.getKey(), built.get(sa0));
                if (spec.containsKey("fields")) {
                    for (Map.Entry<String, Object> sub : obj(spec.get("fields"), "fields").entrySet()) {
                        Map<String, Object> s = obj(sub.getValue(), sub.getKey());
                        if (!s.get("type").toString().equals("text")) throw new Rejected("subfield type");
                        only(s, sub.getKey(), "type", "analyzer", "search_analyzer", "similarity");
                        if (s.containsKey("similarity")) {
                            String name = s.get("similarity").toString();
                            if (!namedSimilarities.containsKey(name)) throw new Rejected("similarity " + name);
                            fieldSimilarities.put(e.getKey() + "." + sub.getKey(), name);
                        }
                        String ia = s.get("analyzer").toString();
                        String sa = s.getOrDefault("search_analyzer", ia).toString();
                        for (String n : new String[] {ia, sa}) {
                            if (!built.containsKey(n)) built.put(n, analyzer(analysis, n, work));
                        }
                        textFields.put(e.getKey() + "." + sub.getKey(), built.get(ia));
                        searchAnalyzers.put(e.getKey() + "." + sub.getKey(), built.get(sa));
                    }
                }
            } else if (type.equals("keyword")) {
                keywordFields.add(e.getKey());
            } else if (type.equals("date")) {
                dateFields.add(e.getKey());
            } else {
                throw new Rejected("mapping type " + type);
            }
        }
    }

    /** settings.index: only similarity, each a BM25 one (default, and named ones). */
    void readSimilarity(Map<String, Object> index) {
        only(index, "settings.index", "similarity");
        Map<String, Object> sims = obj(index.get("similarity"), "settings.index.similarity");
        for (Map.Entry<String, Object> e : sims.entrySet()) {
            Map<String, Object> sim = obj(e.getValue(), "similarity." + e.getKey());
            only(sim, "similarity." + e.getKey(), "type", "k1", "b", "discount_overlaps");
            if (!"BM25".equals(sim.get("type"))) throw new Rejected("similarity type " + sim.get("type"));
            Object discount = sim.get("discount_overlaps");
            BM25Similarity bm25 = bm25(num(sim.get("k1"), 1.2f), num(sim.get("b"), 0.75f),
                                       discount == null || Boolean.parseBoolean(discount.toString()));
            if (e.getKey().equals("default")) similarity = bm25;
            else namedSimilarities.put(e.getKey(), bm25);
        }
    }

    /** BM25 with discount_overlaps, in Lucene 9 (a constructor) and 8 (a setter). */
    static BM25Similarity bm25(float k1, float b, boolean discountOverlaps) {
        try {
            return BM25Similarity.class.getConstructor(float.class, float.class, boolean.class)
                .newInstance(k1, b, discountOverlaps);
        } catch (ReflectiveOperationException lucene8) {
            BM25Similarity s = new BM25Similarity(k1, b);
            try {
                BM25Similarity.class.getMethod("setDiscountOverlaps", boolean.class).invoke(s, discountOverlaps);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("no discount_overlaps in this Lucene", e);
            }
            return s;
        }
    }

    /** Lucene's own CombinedFieldQuery where this Lucene has it (9+: the
     *  query the engines run), else CombinedFields.java (its scoring, for
     *  Lucene 8, whose BM25FQuery has bugs later fixed). */
    static Query bm25f(Map<String, Float> fields, List<BytesRef> terms, BM25Similarity sim) {
        try {
            Class<?> builder = Class.forName("org.apache.lucene.sandbox.search.CombinedFieldQuery$Builder");
            Object b = builder.getConstructor().newInstance();
            for (Map.Entry<String, Float> f : fields.entrySet()) {
                builder.getMethod("addField", String.class, float.class).invoke(b, f.getKey(), f.getValue());
            }
            for (BytesRef t : terms) builder.getMethod("addTerm", BytesRef.class).invoke(b, t);
            return (Query) builder.getMethod("build").invoke(b);
        } catch (ClassNotFoundException lucene8) {
            return new CombinedFields(fields, terms, sim);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An analyzer of the settings, or the engines' built-in "whitespace". */
    static Analyzer analyzer(Map<String, Object> analysis, String name, Path work) throws IOException {
        if (name.equals("whitespace")) return new WhitespaceAnalyzer();
        return AnalyzeWords.build(analysis, name, work);
    }

    static long epochMillis(String s) {
        s = s.trim();
        if (s.length() == 10) return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
    }

    void addField(Document doc, String name, Object value) {
        if (value == null) return;
        if (textFields.containsKey(name)) {
            doc.add(new TextField(name, value.toString(), Field.Store.NO));
            for (String f : textFields.keySet()) {
                if (f.startsWith(name + ".")) doc.add(new TextField(f, value.toString(), Field.Store.NO));
            }
        } else if (keywordFields.contains(name)) {
            doc.add(new StringField(name, value.toString(), Field.Store.NO));
        } else if (dateFields.contains(name)) {
            long t = epochMillis(value.toString());
            doc.add(new LongPoint(name, t));
            doc.add(new NumericDocValuesField(name, t));
        }
        // anything else stays in _source only ("dynamic": false)
    }

    int index(Directory dir, Path exportDir) throws IOException {
        Map<String, Analyzer> perField = new HashMap<>(textFields);
        IndexWriterConfig config = new IndexWriterConfig(new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField));
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setSimilarity(perField());
        config.setRAMBufferSizeMB(256);
        TreeSet<Path> files = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(exportDir, "bulk-*.ndjson")) {
            for (Path p : ds) files.add(p);
        }
        int n = 0;
        try (IndexWriter writer = new IndexWriter(dir, config)) {
            for (Path file : files) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i + 1 < lines.size(); i += 2) {
                    Map<String, Object> action = obj(obj(AnalyzeWords.Json.parse(lines.get(i)), "action").get("index"), "index");
                    Map<String, Object> source = obj(AnalyzeWords.Json.parse(lines.get(i + 1)), "doc");
                    Document doc = new Document();
                    doc.add(new StoredField("_id", action.get("_id").toString()));
                    for (Map.Entry<String, Object> e : source.entrySet()) addField(doc, e.getKey(), e.getValue());
                    writer.addDocument(doc);
                    n++;
                }
            }
            writer.forceMerge(1);
            writer.commit();
        }
        return n;
    }

    // -- analysis ---------------------------------------------------------------
    /** The tokens of text in field, with their positions. */
    static List<Object[]> analyze(Analyzer a, String field, String text) throws IOException {
        List<Object[]> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int pos = -1;
            while (ts.incrementToken()) {
                pos += inc.getPositionIncrement();
                out.add(new Object[] {term.toString(), pos});
            }
            ts.end();
        }
        return out;
    }

    /** The analyzer of query text on field (its search_analyzer). */
    Analyzer analyzerOf(String field) {
        Analyzer a = searchAnalyzers.get(field);
        if (a == null) throw new Rejected("not a text field: " + field);
        return a;
    }

    // -- the query DSL ------------------------------------------------------------
    static Query boosted(Query q, float boost) {
        return boost == 1f ? q : new BoostQuery(q, boost);
    }

    Query query(Object node) throws IOException {
        Map<String, Object> m = obj(node, "query");
        if (m.size() != 1) throw new Rejected("a query object needs exactly one key, not " + m.keySet());
        String kind = m.keySet().iterator().next();
        Object body = m.get(kind);
        switch (kind) {
            case "bool": return bool(obj(body, kind));
            case "combined_fields": return combinedFields(obj(body, kind));
            case "match_phrase": return matchPhrase(obj(body, kind));
            case "intervals": return intervals(obj(body, kind));
            case "match": return match(obj(body, kind));
            case "term": return term(obj(body, kind));
            case "terms": return terms(obj(body, kind));
            case "range": return range(obj(body, kind));
            case "prefix": return prefix(obj(body, kind));
            case "fuzzy": return fuzzy(obj(body, kind));
            case "dis_max": return disMax(obj(body, kind));
            case "match_all": only(obj(body, kind), kind); return new MatchAllDocsQuery();
            case "match_none": only(obj(body, kind), kind); return new MatchNoDocsQuery();
            default: throw new Rejected("query type " + kind);
        }
    }

    List<Object> clauses(Object v, String where) {
        if (v == null) return new ArrayList<>();
        if (v instanceof Map) return new ArrayList<>(Arrays.asList(v));
        return list(v, where);
    }

    Query bool(Map<String, Object> m) throws IOException {
        only(m, "bool", "must", "should", "filter", "must_not", "minimum_should_match", "boost");
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        List<Object> must = clauses(m.get("must"), "must");
        List<Object> should = clauses(m.get("should"), "should");
        List<Object> filter = clauses(m.get("filter"), "filter");
        List<Object> mustNot = clauses(m.get("must_not"), "must_not");
        for (Object c : must) b.add(query(c), BooleanClause.Occur.MUST);
        for (Object c : should) b.add(query(c), BooleanClause.Occur.SHOULD);
        for (Object c : filter) b.add(query(c), BooleanClause.Occur.FILTER);
        for (Object c : mustNot) b.add(query(c), BooleanClause.Occur.MUST_NOT);
        int msm;
        if (m.containsKey("minimum_should_match")) {
            msm = Integer.parseInt(m.get("minimum_should_match").toString());
        } else {
            msm = (!should.isEmpty() && must.isEmpty() && filter.isEmpty()) ? 1 : 0;
        }
        b.setMinimumNumberShouldMatch(msm);
        if (must.isEmpty() && should.isEmpty() && filter.isEmpty()) {
            b.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);  // only must_not
        }
        return boosted(b.build(), num(m.get("boost"), 1f));
    }

    Query combinedFields(Map<String, Object> m) throws IOException {
        only(m, "combined_fields", "query", "fields", "boost");
        Analyzer analyzer = null;
        String first = null;
        List<String> names = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        for (Object f : list(m.get("fields"), "fields")) {
            String spec = f.toString();
            int caret = spec.indexOf('^');
            String name = caret < 0 ? spec : spec.substring(0, caret);
            float w = caret < 0 ? 1f : Float.parseFloat(spec.substring(caret + 1));
            Analyzer a = analyzerOf(name);
            if (analyzer != null && a != analyzer) {
                throw new Rejected("combined_fields over fields of different analyzers");
            }
            if (w < 1f) throw new Rejected("combined_fields field weight below 1");
            analyzer = a;
            if (first == null) first = name;
            names.add(name);
            weights.add(w);
        }
        if (analyzer == null) throw new Rejected("combined_fields without fields");
        List<Object[]> tokens = analyze(analyzer, first, m.get("query").toString());
        if (tokens.isEmpty()) return new MatchNoDocsQuery();
        // Tokens at one position are one BM25F term (synonyms); others are OR'ed.
        Map<Integer, List<String>> byPos = new LinkedHashMap<>();
        for (Object[] t : tokens) byPos.computeIfAbsent((Integer) t[1], k -> new ArrayList<>()).add((String) t[0]);
        BooleanQuery.Builder or = new BooleanQuery.Builder();
        List<Query> parts = new ArrayList<>();
        Map<String, Float> fields = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) fields.merge(names.get(i), weights.get(i), Float::sum);
        for (List<String> terms : byPos.values()) {
            List<BytesRef> refs = new ArrayList<>();
            for (String t : terms) refs.add(new BytesRef(t));
            parts.add(bm25f(fields, refs, similarity));
        }
        Query out;
        if (parts.size() == 1) {
            out = parts.get(0);
        } else {
            for (Query p : parts) or.add(p, BooleanClause.Occur.SHOULD);
            out = or.build();
        }
        return boosted(out, num(m.get("boost"), 1f));
    }

    /** {field: {key: ...}} or {field: value}: the field and its options. */
    static Map.Entry<String, Map<String, Object>> fieldBody(Map<String, Object> m, String kind,
                                                          String valueKey) {
        if (m.size() != 1) throw new Rejected(kind + " needs one field");
        String field = m.keySet().iterator().next();
        Object v = m.get(field);
        Map<String, Object> body;
        if (v instanceof Map) {
            body = obj(v, kind);
        } else {
            body = new LinkedHashMap<>();
            body.put(valueKey, v);
        }
        return new java.util.AbstractMap.SimpleEntry<>(field, body);
    }

    Query matchPhrase(Map<String, Object> m) throws IOException {
        Map.Entry<String, Map<String, Object>> fb = fieldBody(m, "match_phrase", "query");
        String field = fb.getKey();
        Map<String, Object> body = fb.getValue();
        only(body, "match_phrase", "query", "slop", "boost");
        // Lucene's QueryBuilder, which the engines' match_phrase extends: a
        // PhraseQuery, or a MultiPhraseQuery where tokens share a position.
        Query q = new QueryBuilder(analyzerOf(field)).createPhraseQuery(
                field, body.get("query").toString(), (int) num(body.get("slop"), 0f));
        if (q == null) return new MatchNoDocsQuery();
        return boosted(q, num(body.get("boost"), 1f));
    }

    /** {field: {rule, boost}}: an IntervalQuery (scored as the engines run it:
     *  its default saturation of the sloppy frequency, no idf, no norms). */
    Query intervals(Map<String, Object> m) throws IOException {
        Map.Entry<String, Map<String, Object>> fb = fieldBody(m, "intervals", "match");
        String field = fb.getKey();
        Map<String, Object> body = new LinkedHashMap<>(fb.getValue());
        float boost = num(body.remove("boost"), 1f);
        IntervalsSource source = intervalRule(field, body);
        return source == null ? new MatchNoDocsQuery() : boosted(new IntervalQuery(field, source), boost);
    }

    /** One rule of an intervals query: match, all_of or any_of, as
     *  Elasticsearch's IntervalBuilder builds them (null: no tokens). */
    IntervalsSource intervalRule(String field, Map<String, Object> rule) throws IOException {
        if (rule.size() != 1) throw new Rejected("an intervals rule needs exactly one key, not " + rule.keySet());
        String kind = rule.keySet().iterator().next();
        Map<String, Object> body = obj(rule.get(kind), kind);
        switch (kind) {
            case "match": {
                // One position (its tokens OR'ed, as IntervalBuilder reads
                // synonyms); text over several positions is refused.
                only(body, kind, "query");
                List<IntervalsSource> same = new ArrayList<>();
                Integer at = null;
                for (Object[] t : analyze(analyzerOf(field), field, body.get("query").toString())) {
                    if (at == null) at = (Integer) t[1];
                    if (!at.equals(t[1])) throw new Rejected("intervals match over several positions");
                    same.add(Intervals.term((String) t[0]));
                }
                return same.isEmpty() ? null : anyOf(same);
            }
            case "any_of": {
                only(body, kind, "intervals");
                List<IntervalsSource> parts = subRules(field, body, kind);
                parts.removeIf(p -> p == null);
                return parts.isEmpty() ? null : anyOf(parts);
            }
            case "all_of": {
                only(body, kind, "intervals", "max_gaps", "ordered");
                List<IntervalsSource> parts = subRules(field, body, kind);
                if (parts.isEmpty() || parts.contains(null)) return null;
                if (parts.size() == 1) return parts.get(0);
                int maxGaps = (int) num(body.get("max_gaps"), -1f);
                boolean ordered = Boolean.parseBoolean(String.valueOf(body.getOrDefault("ordered", "false")));
                IntervalsSource[] all = parts.toArray(new IntervalsSource[0]);
                IntervalsSource inner = ordered ? Intervals.ordered(all) : Intervals.unordered(all);
                return maxGaps < 0 ? inner : Intervals.maxgaps(maxGaps, inner);
            }
            default: throw new Rejected("intervals rule " + kind);
        }
    }

    /** The rules of any_of / all_of, null where one has no tokens. */
    List<IntervalsSource> subRules(String field, Map<String, Object> body, String kind) throws IOException {
        List<IntervalsSource> parts = new ArrayList<>();
        for (Object r : list(body.get("intervals"), "intervals")) parts.add(intervalRule(field, obj(r, kind)));
        return parts;
    }

    static IntervalsSource anyOf(List<IntervalsSource> sources) {
        return sources.size() == 1 ? sources.get(0) : Intervals.or(sources.toArray(new IntervalsSource[0]));
    }

    Query match(Map<String, Object> m) throws IOException {
        Map.Entry<String, Map<String, Object>> fb = fieldBody(m, "match", "query");
        String field = fb.getKey();
        Map<String, Object> body = fb.getValue();
        only(body, "match", "query", "boost");
        List<Object[]> tokens = analyze(analyzerOf(field), field, body.get("query").toString());
        if (tokens.isEmpty()) return new MatchNoDocsQuery();
        Map<Integer, List<String>> byPos = new LinkedHashMap<>();
        for (Object[] t : tokens) byPos.computeIfAbsent((Integer) t[1], k -> new ArrayList<>()).add((String) t[0]);
        BooleanQuery.Builder or = new BooleanQuery.Builder();
        for (List<String> terms : byPos.values()) {
            if (terms.size() == 1) {
                or.add(new TermQuery(new Term(field, terms.get(0))), BooleanClause.Occur.SHOULD);
            } else {
                SynonymQuery.Builder syn = new SynonymQuery.Builder(field);
                for (String t : terms) syn.addTerm(new Term(field, t));
                or.add(syn.build(), BooleanClause.Occur.SHOULD);
            }
        }
        return boosted(or.build(), num(body.get("boost"), 1f));
    }

    Query term(Map<String, Object> m) {
        Map.Entry<String, Map<String, Object>> fb = fieldBody(m, "term", "value");
        only(fb.getValue(), "term", "value", "boost");
        String field = fb.getKey();
        if (!keywordFields.contains(field) && !textFields.containsKey(field)) throw new Rejected("term on " + field);
        Query q = new TermQuery(new Term(field, fb.getValue().get("value").toString()));
        return boosted(q, num(fb.getValue().get("boost"), 1f));
    }

    Query terms(Map<String, Object> m) {
        if (m.size() != 1) throw new Rejected("terms needs one field");
        String field = m.keySet().iterator().next();
        if (!keywordFields.contains(field)) throw new Rejected("terms on " + field);
        List<BytesRef> values = new ArrayList<>();
        for (Object v : list(m.get(field), "terms")) values.add(new BytesRef(v.toString()));
        return new ConstantScoreQuery(new TermInSetQuery(field, values));
    }

    Query range(Map<String, Object> m) {
        if (m.size() != 1) throw new Rejected("range needs one field");
        String field = m.keySet().iterator().next();
        if (!dateFields.contains(field)) throw new Rejected("range on " + field);
        Map<String, Object> b = obj(m.get(field), "range");
        only(b, "range", "gte", "gt", "lte", "lt");
        long lo = Long.MIN_VALUE, hi = Long.MAX_VALUE;
        if (b.containsKey("gte")) lo = epochMillis(b.get("gte").toString());
        if (b.containsKey("gt")) lo = epochMillis(b.get("gt").toString()) + 1;
        if (b.containsKey("lte")) hi = epochMillis(b.get("lte").toString());
        if (b.containsKey("lt")) hi = epochMillis(b.get("lt").toString()) - 1;
        return new ConstantScoreQuery(LongPoint.newRangeQuery(field, lo, hi));
    }

    Query prefix(Map<String, Object> m) {
        Map.Entry<String, Map<String, Object>> fb = fieldBody(m, "prefix", "value");
        only(fb.getValue(), "prefix", "value", "boost");
        analyzerOf(fb.getKey());
        Query q = new ConstantScoreQuery(new PrefixQuery(new Term(fb.getKey(), fb.getValue().get("value").toString())));
        return boosted(q, num(fb.getValue().get("boost"), 1f));
    }

    Query fuzzy(Map<String, Object> m) {
        Map.Entry<String, Map<String, Object>> fb = fieldBody(m, "fuzzy", "value");
        Map<String, Object> b = fb.getValue();
        only(b, "fuzzy", "value", "fuzziness", "prefix_length", "max_expansions", "transpositions", "boost");
        analyzerOf(fb.getKey());
        Query q = new FuzzyQuery(new Term(fb.getKey(), b.get("value").toString()),
                                 (int) num(b.get("fuzziness"), 2f), (int) num(b.get("prefix_length"), 0f),
                                 (int) num(b.get("max_expansions"), 50f),
                                 !"false".equals(String.valueOf(b.getOrDefault("transpositions", "true"))));
        return boosted(q, num(b.get("boost"), 1f));
    }

    Query disMax(Map<String, Object> m) throws IOException {
        only(m, "dis_max", "queries", "tie_breaker", "boost");
        List<Query> qs = new ArrayList<>();
        for (Object c : list(m.get("queries"), "queries")) qs.add(query(c));
        return boosted(new DisjunctionMaxQuery(qs, num(m.get("tie_breaker"), 0f)), num(m.get("boost"), 1f));
    }

    Sort sort(Object v) {
        if (v == null) return null;
        List<SortField> fields = new ArrayList<>();
        for (Object s : list(v, "sort")) {
            if ("_score".equals(s)) { fields.add(SortField.FIELD_SCORE); continue; }
            Map<String, Object> m = obj(s, "sort");
            if (m.size() != 1) throw new Rejected("sort entry");
            String field = m.keySet().iterator().next();
            if (!dateFields.contains(field)) throw new Rejected("sort on " + field);
            Map<String, Object> o = obj(m.get(field), "sort");
            only(o, "sort", "order", "missing");
            boolean desc = "desc".equals(o.get("order"));
            if (!"_last".equals(o.getOrDefault("missing", "_last"))) throw new Rejected("missing");
            SortField f = new SortField(field, SortField.Type.LONG, desc);
            f.setMissingValue(desc ? Long.MIN_VALUE : Long.MAX_VALUE);
            fields.add(f);
        }
        return new Sort(fields.toArray(new SortField[0]));
    }

    /** rescore {window_size, query: {rescore_query, query_weight,
     *  rescore_query_weight, score_mode total}}: the first pass's best
     *  window_size hits re-scored (first * query_weight + second *
     *  rescore_query_weight where the second matches) and sorted, the rest
     *  after them in their order, as the engines' query rescorer does. */
    TopDocs rescore(Query first, Map<String, Object> spec, int size) throws IOException {
        only(spec, "rescore", "window_size", "query");
        int window = (int) num(spec.get("window_size"), 10f);
        Map<String, Object> r = obj(spec.get("query"), "rescore.query");
        only(r, "rescore.query", "rescore_query", "query_weight", "rescore_query_weight", "score_mode");
        if (r.containsKey("score_mode") && !"total".equals(r.get("score_mode"))) {
            throw new Rejected("rescore score_mode " + r.get("score_mode"));
        }
        float qw = num(r.get("query_weight"), 1f);
        float rw = num(r.get("rescore_query_weight"), 1f);
        Query second = query(r.get("rescore_query"));
        TopDocs all = searcher.search(first, Math.max(1, Math.max(size, window)));
        int n = Math.min(window, all.scoreDocs.length);
        ScoreDoc[] head = Arrays.copyOf(all.scoreDocs, n);
        TopDocs rescored = new QueryRescorer(second) {
            @Override
            protected float combine(float firstScore, boolean matched, float secondScore) {
                return qw * firstScore + (matched ? rw * secondScore : 0f);
            }
        }.rescore(searcher, new TopDocs(all.totalHits, head), n);
        List<ScoreDoc> out = new ArrayList<>(Arrays.asList(rescored.scoreDocs));
        for (int i = n; i < all.scoreDocs.length; i++) out.add(all.scoreDocs[i]);
        return new TopDocs(all.totalHits, out.subList(0, Math.min(size, out.size())).toArray(new ScoreDoc[0]));
    }

    String search(String line) throws IOException {
        Map<String, Object> body = obj(AnalyzeWords.Json.parse(line), "body");
        only(body, "body", "query", "sort", "size", "rescore");
        Query q = query(body.get("query"));
        int size = (int) num(body.get("size"), 10f);
        Sort sort = sort(body.get("sort"));
        if (sort != null && body.containsKey("rescore")) throw new Rejected("rescore with sort");
        TopDocs top;
        if (body.containsKey("rescore")) {
            top = rescore(q, obj(body.get("rescore"), "rescore"), size);
        } else {
            top = sort == null ? searcher.search(q, Math.max(1, size))
                               : searcher.search(q, Math.max(1, size), sort, true);
        }
        StringBuilder row = new StringBuilder();
        for (ScoreDoc hit : top.scoreDocs) {
            if (row.length() > 0) row.append('\t');
            row.append(searcher.doc(hit.doc).get("_id")).append(' ').append(hit.score);
        }
        return row.toString();
    }

    /** indices.query.bool.max_clause_count's default in Elasticsearch 7 and OpenSearch
     *  1 and 2: Lucene 8 applies it to each boolean query, Lucene 9 to the whole query. */
    static final int MAX_CLAUSES = 1024;

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SearchDsl EXPORT_DIR WORKDIR");
            System.exit(2);
        }
        BooleanQuery.setMaxClauseCount(MAX_CLAUSES);
        Path export = Paths.get(args[0]);
        Path work = Paths.get(args[1]);
        SearchDsl dsl = new SearchDsl();
        String json = new String(Files.readAllBytes(export.resolve("settings.json")), StandardCharsets.UTF_8);
        dsl.readMappings((Map<String, Object>) AnalyzeWords.Json.parse(json), work);
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Directory dir = FSDirectory.open(work.resolve("lucene-index"))) {
            dsl.index(dir, export);
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                dsl.searcher = new IndexSearcher(reader);
                dsl.searcher.setSimilarity(dsl.perField());
                out.println("ready");
                out.flush();
                String line;
                while ((line = in.readLine()) != null) {
                    String answer;
                    try {
                        answer = dsl.search(line);
                    } catch (Rejected e) {
                        answer = "REJECTED\t" + e.getMessage();
                    } catch (RuntimeException e) {
                        // BooleanQuery.TooManyClauses (Lucene 8, per boolean query),
                        // IndexSearcher.TooManyClauses / TooManyNestedClauses (9, the whole tree)
                        if (!e.getClass().getSimpleName().startsWith("TooMany")) throw e;
                        answer = "REJECTED\tmore clauses than the engines' default limit ("
                            + MAX_CLAUSES + "): " + e.getMessage();
                    }
                    out.println(answer);
                    out.flush();
                }
            }
        }
    }
}
