//! The example resume of a fictional engineer, rendered as PDF and DOCX, and the example
//! job posting. `make_examples` writes them to `examples/` at the repository root.

use super::docx_builder::{bold_paragraph, docx, escape, paragraph};
use super::pdf_builder::{PdfBuilder, text_width, win_ansi_hex};

/// One block of the resume, in reading order.
pub enum Block {
    /// The person's name.
    Name(&'static str),
    /// A contact or subtitle line under the name.
    Contact(&'static str),
    /// A section heading such as EXPERIENCE.
    Heading(&'static str),
    /// A bold entry title with a right-aligned date range.
    Entry(&'static str, &'static str),
    /// A plain line of text.
    Line(&'static str),
    /// A bullet point.
    Bullet(&'static str),
}

/// Returns the blocks of the example resume in reading order.
pub fn resume_blocks() -> Vec<Block> {
    use Block::*;
    vec![
        Name("Maya Okafor"),
        Contact("Senior Backend & Data Engineer"),
        Contact(
            "maya.okafor@example.com | 555-0142 | Portland, OR | github.com/maya-okafor-example",
        ),
        Heading("SUMMARY"),
        Line("Backend and data engineer with 8 years of experience building reliable REST APIs,"),
        Line(
            "event-driven pipelines and cloud infrastructure. Comfortable owning services end to end,",
        ),
        Line("from PostgreSQL schema design to Kubernetes deployments and on-call."),
        Heading("EXPERIENCE"),
        Entry(
            "Senior Software Engineer, Lumenfield Analytics",
            "Jan 2019 – Present",
        ),
        Bullet("Designed and operate Python and Go REST APIs serving 40M requests per day on AWS."),
        Bullet(
            "Moved batch ingestion to Kafka streams, cutting data latency from 6 hours to 4 minutes.",
        ),
        Bullet(
            "Ran 60 microservices on Kubernetes with Docker images built by GitHub Actions CI/CD.",
        ),
        Bullet(
            "Codified AWS infrastructure (EKS, RDS, S3, IAM) with Terraform modules and reviews.",
        ),
        Bullet("Tuned PostgreSQL queries and Redis caching, lowering p99 latency by 45%."),
        Entry(
            "Software Engineer, Harborline Logistics",
            "Jun 2016 – Dec 2018",
        ),
        Bullet("Built shipment tracking services in Python (Django, Celery) backed by PostgreSQL."),
        Bullet("Wrote a React and TypeScript dashboard for dispatchers used by 300 staff daily."),
        Bullet(
            "Introduced Docker-based local environments and automated test pipelines in Jenkins.",
        ),
        Entry(
            "Junior Developer, Cedar Grove Software",
            "Jul 2014 – May 2016",
        ),
        Bullet(
            "Maintained Java and Python reporting jobs and wrote SQL reports for finance clients.",
        ),
        Bullet(
            "Added unit tests and code review to a legacy codebase, halving production incidents.",
        ),
        Heading("EDUCATION"),
        Entry("B.S. in Computer Science, University of Westbrook", "2014"),
        Line("Coursework: distributed systems, databases, algorithms, machine learning."),
        Heading("SKILLS"),
        Line("Languages: Python, Go, SQL, TypeScript, JavaScript, Java, Bash"),
        Line("Data & storage: PostgreSQL, Redis, Kafka, Elasticsearch, Snowflake"),
        Line("Cloud & DevOps: AWS, Kubernetes, Docker, Terraform, Helm, Prometheus, CI/CD"),
        Line("Frameworks: FastAPI, Django, gRPC, React, Node.js"),
        Heading("PROJECTS"),
        Entry("Open-source queue monitor", "2022"),
        Bullet("Go service and React UI that show Kafka consumer lag; 900 stars on GitHub."),
        Entry("Transit data pipeline", "2020"),
        Bullet("Python ETL loading city transit feeds into PostgreSQL with Airflow and dbt."),
        Heading("CERTIFICATIONS"),
        Line("AWS Certified Solutions Architect – Associate (2021)"),
        Line("Certified Kubernetes Application Developer (CKAD) (2022)"),
    ]
}

const LEFT: f32 = 54.0;
const RIGHT: f32 = 558.0;
const TOP: f32 = 742.0;
const BOTTOM: f32 = 60.0;

/// Lays out the resume on Letter pages with Helvetica and returns the PDF.
pub fn resume_pdf() -> Vec<u8> {
    let mut builder = PdfBuilder::new();
    builder.add_standard_font("F1", "Helvetica");
    builder.add_standard_font("F2", "Helvetica-Bold");
    let mut pages: Vec<String> = vec![String::new()];
    let mut y = TOP;
    for block in resume_blocks() {
        let (needed, ops) = block_ops(&block, y);
        if y - needed < BOTTOM {
            pages.push(String::new());
            y = TOP;
            let (_, ops) = block_ops(&block, y);
            pages.last_mut().expect("a page exists").push_str(&ops);
            y -= needed;
            continue;
        }
        pages.last_mut().expect("a page exists").push_str(&ops);
        y -= needed;
    }
    for content in pages {
        builder.add_page(content);
    }
    builder.finish()
}

/// Returns the height a block takes and its content stream operators at baseline `y`.
fn block_ops(block: &Block, y: f32) -> (f32, String) {
    let text = |font: &str, size: f32, x: f32, y: f32, s: &str| {
        format!(
            "BT /{font} {size} Tf 1 0 0 1 {x:.2} {y:.2} Tm {} Tj ET\n",
            win_ansi_hex(s)
        )
    };
    match block {
        Block::Name(name) => (26.0, text("F2", 20.0, LEFT, y, name)),
        Block::Contact(line) => (14.0, text("F1", 10.0, LEFT, y - 4.0, line)),
        Block::Heading(title) => {
            let rule = format!(
                "0.5 w {LEFT} {:.2} m {RIGHT} {:.2} l S\n",
                y - 21.0,
                y - 21.0
            );
            (28.0, text("F2", 12.0, LEFT, y - 18.0, title) + &rule)
        }
        Block::Entry(title, dates) => {
            let date_x = RIGHT - text_width(dates, 10.0);
            let ops =
                text("F2", 10.0, LEFT, y - 4.0, title) + &text("F1", 10.0, date_x, y - 4.0, dates);
            (16.0, ops)
        }
        Block::Line(line) => (13.0, text("F1", 10.0, LEFT, y, line)),
        Block::Bullet(line) => {
            let ops =
                text("F1", 10.0, LEFT + 6.0, y, "•") + &text("F1", 10.0, LEFT + 16.0, y, line);
            (13.0, ops)
        }
    }
}

/// Renders the resume as a DOCX with a right tab stop for the date ranges.
pub fn resume_docx() -> Vec<u8> {
    let mut body = String::new();
    for block in resume_blocks() {
        body.push_str(&match block {
            Block::Name(name) => bold_paragraph(name),
            Block::Contact(line) | Block::Line(line) => paragraph(line),
            Block::Heading(title) => bold_paragraph(title),
            Block::Entry(title, dates) => format!(
                concat!(
                    r#"<w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="9360"/></w:tabs></w:pPr>"#,
                    r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
                    r#"<w:r><w:tab/><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#
                ),
                escape(title),
                escape(dates)
            ),
            Block::Bullet(line) => paragraph(&format!("• {line}")),
        });
    }
    docx(&body, &[])
}

/// The example job posting.
pub const JOB_TXT: &str = "Senior Backend Engineer
Northwind Freight Labs – Remote (US)

About the role
Northwind Freight Labs builds the routing and pricing platform behind thousands of daily
freight shipments. We are hiring a Senior Backend Engineer to design and run the services
that quote, book and track loads in real time.

What you will do
- Design, build and operate REST APIs and background workers in Python.
- Own PostgreSQL schemas, query performance and data migrations.
- Deploy and run services on Kubernetes in AWS, with Docker images built in CI/CD.
- Work with product and data teams on event-driven features and reporting.
- Mentor engineers through code review, design documents and pairing.

Requirements
- 5+ years of professional backend software engineering experience.
- Strong Python, including a web framework such as FastAPI, Django or Flask.
- Production experience with PostgreSQL and SQL performance tuning.
- Experience running containerised services with Docker and Kubernetes.
- Hands-on AWS experience (EC2 or EKS, RDS, S3, IAM).
- Experience designing and versioning REST APIs.
- Solid testing habits and experience with CI/CD pipelines.

Nice to have
- Kafka or another event streaming platform.
- Infrastructure as code with Terraform.
- Go for performance-critical services.
- Redis for caching and rate limiting.
- Some React or TypeScript for internal tools.
- Bachelor's degree in Computer Science or equivalent experience.

Benefits
Remote-first team, home office budget, and four weeks of paid time off.
";
