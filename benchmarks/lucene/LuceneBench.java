// Lucene's own Arabic search, as a peer in `python -m benchmarks quality`.
//
// Usage: java -cp LUCENE_JARS:CLASSES LuceneBench INDEX_DIR DOCS.tsv
//
// Indexes DOCS.tsv (one document a line: id TAB title TAB text, UTF-8; the
// Python side has already turned tabs and line breaks inside the fields into
// spaces) into INDEX_DIR with org.apache.lucene.analysis.ar.ArabicAnalyzer at
// its defaults (its stop set, ArabicNormalizationFilter, ArabicStemFilter) and
// Lucene's default similarity (BM25).  The id is a stored StringField; title
// and text are analysed, unstored TextFields.
//
// Then prints "ready" and answers one request a line on stdin, "K TAB QUERY":
// the query text is escaped (QueryParser.escape, so its punctuation is never
// query syntax), parsed by a MultiFieldQueryParser over title and text with OR
// between the words, and the ids of the top K documents are printed on one
// line, separated by tabs (an empty line when nothing matches or the query
// cannot be parsed, e.g. it has no word at all).  Ends at the end of stdin.

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

public class LuceneBench {

    static final String[] FIELDS = {"title", "text"};

    // QueryParser.escape leaves the operator words alone: a query holding the
    // word AND, OR or NOT would still be read as an operator.  A backslash
    // before the first letter makes it a plain word again (the analyzer
    // lowercases it like any other).
    static final Pattern OPERATOR_WORD = Pattern.compile("(?<![\\p{L}\\p{N}_\\\\])(AND|OR|NOT)(?![\\p{L}\\p{N}_])");

    static int index(Analyzer analyzer, Directory dir, String docsFile) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setRAMBufferSizeMB(64);
        int n = 0;
        try (IndexWriter writer = new IndexWriter(dir, config);
             BufferedReader in = Files.newBufferedReader(Paths.get(docsFile), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) continue;
                String[] cols = line.split("\t", -1);
                if (cols.length != 3) {
                    throw new IllegalArgumentException("line " + (n + 1) + " of " + docsFile
                            + " has " + cols.length + " fields, not 3 (id, title, text)");
                }
                Document doc = new Document();
                doc.add(new StringField("id", cols[0], Field.Store.YES));
                doc.add(new TextField("title", cols[1], Field.Store.NO));
                doc.add(new TextField("text", cols[2], Field.Store.NO));
                writer.addDocument(doc);
                n++;
            }
            writer.commit();
        }
        return n;
    }

    static Query parse(Analyzer analyzer, String text) {
        String escaped = OPERATOR_WORD.matcher(QueryParser.escape(text)).replaceAll("\\\\$1");
        MultiFieldQueryParser parser = new MultiFieldQueryParser(FIELDS, analyzer);
        parser.setDefaultOperator(QueryParser.Operator.OR);
        try {
            return parser.parse(escaped);
        } catch (ParseException e) {  // nothing left to search for, e.g. an empty query
            return null;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LuceneBench INDEX_DIR DOCS.tsv");
            System.exit(2);
        }
        // A long query (a whole verse or sentence) is one clause a word.
        BooleanQuery.setMaxClauseCount(Integer.MAX_VALUE);
        Analyzer analyzer = new ArabicAnalyzer();
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Directory dir = FSDirectory.open(Paths.get(args[0]))) {
            index(analyzer, dir, args[1]);
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                out.println("ready");
                out.flush();
                String line;
                while ((line = in.readLine()) != null) {
                    int tab = line.indexOf('\t');
                    int k = Integer.parseInt(line.substring(0, tab));
                    Query query = parse(analyzer, line.substring(tab + 1));
                    StringBuilder row = new StringBuilder();
                    if (query != null && k > 0) {
                        TopDocs top = searcher.search(query, k);
                        for (ScoreDoc hit : top.scoreDocs) {
                            if (row.length() > 0) row.append('\t');
                            row.append(searcher.doc(hit.doc).get("id"));
                        }
                    }
                    out.println(row);
                    out.flush();
                }
            }
        }
    }
}
