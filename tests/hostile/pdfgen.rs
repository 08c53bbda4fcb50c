//! Hand-written PDF bytes for the hostile tests: a writer that numbers the
//! objects and computes the cross-reference table, so each case states only
//! its objects.

/// A PDF under construction: objects 1, 2, 3, … in order.
#[derive(Default)]
pub struct Pdf {
    objects: Vec<Vec<u8>>,
    trailer_extra: String,
}

impl Pdf {
    /// Adds an object (its body, between `N 0 obj` and `endobj`); returns its number.
    pub fn object(&mut self, body: impl Into<Vec<u8>>) -> usize {
        self.objects.push(body.into());
        self.objects.len()
    }

    /// Adds a stream object with `dict` entries (without `/Length`) and `data`.
    pub fn stream(&mut self, dict: &str, data: &[u8]) -> usize {
        let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.object(body)
    }

    /// Adds entries to the trailer (`/Encrypt 9 0 R /ID [...]`).
    pub fn trailer(&mut self, extra: &str) {
        self.trailer_extra = extra.to_string();
    }

    /// The file, with object 1 as the catalog.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", self.objects.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R {} >>\nstartxref\n{xref}\n%%EOF\n",
                self.objects.len() + 1,
                self.trailer_extra
            )
            .as_bytes(),
        );
        out
    }
}

/// A text PDF: one page per entry of `pages`, each a list of lines set in
/// Helvetica from the top of an A4 page.
pub fn text_pdf(pages: &[&[&str]]) -> Vec<u8> {
    let mut pdf = Pdf::default();
    pdf.object("<< /Type /Catalog /Pages 2 0 R >>");
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 4 + 2 * i))
        .collect();
    pdf.object(format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        pages.len()
    ));
    pdf.object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    for lines in pages {
        let page = pdf.objects.len() + 1;
        pdf.object(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            page + 1
        ));
        let mut content = String::from("BT /F1 11 Tf 14 TL 72 770 Td\n");
        for line in *lines {
            let escaped = line
                .replace('\\', "\\\\")
                .replace('(', "\\(")
                .replace(')', "\\)");
            content.push_str(&format!("({escaped}) Tj T*\n"));
        }
        content.push_str("ET");
        pdf.stream("", content.as_bytes());
    }
    pdf.bytes()
}

/// An image-only PDF: one page showing a 2×2 grey image, no text at all.
pub fn scanned_pdf() -> Vec<u8> {
    let mut pdf = Pdf::default();
    pdf.object("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.object(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
    );
    pdf.stream("", b"q 500 0 0 700 50 70 cm /Im1 Do Q");
    pdf.stream(
        "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
        &[0x40, 0x80, 0xc0, 0xff],
    );
    pdf.bytes()
}

/// A PDF encrypted with the standard handler, whose empty user password does
/// not open it.
pub fn encrypted_pdf() -> Vec<u8> {
    let mut pdf = Pdf::default();
    pdf.object("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>");
    pdf.stream("", b"\x8f\x12\x99\x01\xaa\x55\x17\x3c");
    let hex32 = |b: u8| format!("<{}>", format!("{b:02x}").repeat(32));
    pdf.object(format!(
        "<< /Filter /Standard /V 1 /R 2 /O {} /U {} /P -44 >>",
        hex32(0x5a),
        hex32(0xa5)
    ));
    pdf.trailer(&format!("/Encrypt 5 0 R /ID [{0} {0}]", hex32(0x11)));
    pdf.bytes()
}

/// A PDF whose only page is its own parent and inherits its media box:
/// looking the box up the parent chain never ends.
pub fn own_parent_pdf() -> Vec<u8> {
    let mut pdf = Pdf::default();
    pdf.object("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.object("<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>");
    pdf.stream("", b"BT ET");
    pdf.bytes()
}

/// A PDF whose page draws a form that draws itself: the reader recurses
/// until its stack overflows.
pub fn self_drawing_form_pdf() -> Vec<u8> {
    let mut pdf = Pdf::default();
    pdf.object("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.object(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Fm1 5 0 R >> >> /Contents 4 0 R >>",
    );
    pdf.stream("", b"/Fm1 Do");
    pdf.stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Fm1 5 0 R >> >>",
        b"/Fm1 Do",
    );
    pdf.bytes()
}
