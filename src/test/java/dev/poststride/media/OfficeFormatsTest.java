package dev.poststride.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.support.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Telling Word and PowerPoint files from other ZIP and OLE2 files by the names of their parts. */
class OfficeFormatsTest {

    private static Optional<String> identify(byte[] file, String container) throws IOException {
        return OfficeFormats.identify(new ByteArrayInputStream(file), container);
    }

    @Test
    void officePackagesAreToldByTheirMainPart() throws IOException {
        assertThat(identify(TestFiles.docx(), OfficeFormats.ZIP)).contains(OfficeFormats.DOCX);
        assertThat(identify(TestFiles.pptx(), OfficeFormats.ZIP)).contains(OfficeFormats.PPTX);
        assertThat(identify(TestFiles.xlsx(), OfficeFormats.ZIP)).isEmpty();
        assertThat(identify(TestFiles.officeZip(null), OfficeFormats.ZIP)).isEmpty();
        assertThat(identify(TestFiles.ole2("WordDocument"), OfficeFormats.OLE2)).contains(OfficeFormats.DOC);
        assertThat(identify(TestFiles.ole2("PowerPoint Document"), OfficeFormats.OLE2)).contains(OfficeFormats.PPT);
        assertThat(identify(TestFiles.ole2("Workbook"), OfficeFormats.OLE2)).isEmpty();
        // The ASCII name in an OLE2 file is not its UTF-16 directory entry.
        assertThat(identify("WordDocument".getBytes(StandardCharsets.US_ASCII), OfficeFormats.OLE2)).isEmpty();
    }

    @Test
    void aMainPartWithoutContentTypesOrBothMainPartsIsNotAnOfficeDocument() throws IOException {
        byte[] wordNameOnly = "PK\u0003\u0004 word/document.xml".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(identify(wordNameOnly, OfficeFormats.ZIP)).isEmpty();
        byte[] both = "PK\u0003\u0004 [Content_Types].xml word/document.xml ppt/presentation.xml"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(identify(both, OfficeFormats.ZIP)).isEmpty();
    }

    @Test
    void aNameSplitAcrossTwoReadsIsStillFound() throws IOException {
        byte[] names = "[Content_Types].xml ppt/presentation.xml".getBytes(StandardCharsets.US_ASCII);
        for (int cut = 1; cut < 20; cut += 6) { // the reads are 64 KiB: put the boundary inside the first name
            byte[] file = new byte[64 * 1024 - cut + names.length];
            System.arraycopy(names, 0, file, 64 * 1024 - cut, names.length);
            assertThat(identify(file, OfficeFormats.ZIP)).as("cut %d", cut).contains(OfficeFormats.PPTX);
        }
    }
}
