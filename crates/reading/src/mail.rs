//! E-mails a provider's documents arrive in — a saved message (.eml) or one dragged out of
//! Outlook (.msg) — opened for their sender and attachments, each attachment a candidate for the
//! intake. Read behind the wall like any document, within its limits.

use crate::error::{ReadError, Result};
use crate::limits;
use mail_parser::MimeHeaders;
use serde::{Deserialize, Serialize};

/// One attachment: its name and bytes (hex across the wall).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: String,
    #[serde(with = "hex::serde")]
    pub bytes: Vec<u8>,
}

/// What a mail brings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Mail {
    /// The sender's address, lower case.
    pub from: Option<String>,
    pub subject: String,
    pub attachments: Vec<Attachment>,
    /// Attachments left out, with why ("te groot", "meer dan 100 bijlagen").
    pub skipped: Vec<String>,
}

/// Whether a file name is a mail this module reads.
pub fn is_mail(file: &str) -> bool {
    let lower = file.to_lowercase();
    lower.ends_with(".eml") || lower.ends_with(".msg")
}

impl Mail {
    /// Adds an attachment within the limits: their number and their total size.
    fn push(&mut self, name: String, bytes: Vec<u8>) {
        let total: usize = self.attachments.iter().map(|a| a.bytes.len()).sum();
        if self.attachments.len() >= limits::MAIL_ATTACHMENTS {
            self.skipped.push(format!("{name}: meer dan {} bijlagen", limits::MAIL_ATTACHMENTS));
        } else if (total + bytes.len()) as u64 > limits::MAIL_ATTACHMENT_BYTES {
            self.skipped.push(format!("{name}: de bijlagen samen zijn groter dan {} MB", limits::MAIL_ATTACHMENT_BYTES / (1024 * 1024)));
        } else {
            self.attachments.push(Attachment { name, bytes });
        }
    }
}

/// Reads a mail file's sender and attachments.
pub fn read(bytes: &[u8], file: &str) -> Result<Mail> {
    if bytes.len() as u64 > limits::DOCUMENT_FILE_BYTES {
        return Err(ReadError::TooLarge { file: file.to_string(), what: format!("e-mail van {} MB", bytes.len() / (1024 * 1024)) });
    }
    if file.to_lowercase().ends_with(".msg") {
        read_msg(bytes, file)
    } else {
        read_eml(bytes, file)
    }
}

fn read_eml(bytes: &[u8], file: &str) -> Result<Mail> {
    let message = mail_parser::MessageParser::default().parse(bytes).ok_or_else(|| ReadError::Unsupported { file: file.to_string() })?;
    let mut mail = Mail {
        from: message.from().and_then(|a| a.first()).and_then(|a| a.address()).map(|a| a.to_lowercase()),
        subject: message.subject().unwrap_or_default().to_string(),
        ..Mail::default()
    };
    for (n, part) in message.attachments().enumerate() {
        let name = part.attachment_name().map(str::to_string).unwrap_or_else(|| format!("bijlage {}", n + 1));
        let image = part.content_type().is_some_and(|t| t.ctype().eq_ignore_ascii_case("image"));
        if image && part.content_id().is_some_and(|id| !id.trim().is_empty()) {
            mail.skipped.push(in_the_text(&name));
            continue;
        }
        mail.push(name, part.contents().to_vec());
    }
    Ok(mail)
}

fn read_msg(bytes: &[u8], file: &str) -> Result<Mail> {
    let outlook = msg_parser::Outlook::from_slice(bytes).map_err(|e| ReadError::NotMail { file: file.to_string(), detail: e.to_string() })?;
    let email = outlook.sender.email.trim().to_lowercase();
    let mut mail = Mail { from: (!email.is_empty()).then_some(email), subject: outlook.subject.clone(), ..Mail::default() };
    for (n, a) in outlook.attachments.iter().enumerate() {
        let name = [&a.long_file_name, &a.file_name, &a.display_name]
            .into_iter()
            .find(|s| !s.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| format!("bijlage {}", n + 1));
        let image = a.mime_tag.to_lowercase().starts_with("image/")
            || [".png", ".jpg", ".jpeg", ".gif", ".bmp"].contains(&a.extension.to_lowercase().as_str());
        if image && !a.content_id.trim().is_empty() {
            mail.skipped.push(in_the_text(&name));
            continue;
        }
        if a.attach_method == 5 {
            mail.skipped.push(format!("{name}: een doorgestuurd bericht in deze e-mail; sla het apart op (.msg) en neem het zo op"));
            continue;
        }
        let bytes = a.payload_bytes.clone();
        mail.push(name, bytes);
    }
    Ok(mail)
}

/// An image shown in the mail's text (a logo, a signature), not a document sent along.
fn in_the_text(name: &str) -> String {
    format!("{name}: afbeelding in de tekst van de e-mail (logo of handtekening), overgeslagen")
}
