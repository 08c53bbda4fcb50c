//! Connecting, with TLS when the URL's `sslmode` asks for it (`prefer`, the
//! default, uses it when the server offers it; `require` insists;
//! `disable` never asks). Certificates are checked against the system's
//! trusted roots (rustls with ring; no system library needed to build).

use postgres::config::SslMode;
use std::sync::Arc;

/// Why a connection could not be made.
pub type ConnectError = Box<dyn std::error::Error + Send + Sync>;

/// Opens a connection with `config`.
pub fn connect(config: &postgres::Config) -> Result<postgres::Client, ConnectError> {
    if config.get_ssl_mode() == SslMode::Disable {
        return Ok(config.connect(postgres::NoTls)?);
    }
    Ok(config.connect(tls_connector()?)?)
}

/// Asks the server to cancel the statement the connection of `token` is
/// running (over a connection of its own, with TLS as `config` asks).
pub fn cancel(
    token: &postgres::CancelToken,
    config: &postgres::Config,
) -> Result<(), ConnectError> {
    if config.get_ssl_mode() == SslMode::Disable {
        return Ok(token.cancel_query(postgres::NoTls)?);
    }
    Ok(token.cancel_query(tls_connector()?)?)
}

/// A TLS connector trusting the system's root certificates.
fn tls_connector() -> Result<tokio_postgres_rustls::MakeRustlsConnect, ConnectError> {
    let mut roots = rustls::RootCertStore::empty();
    // Certificates that cannot be read are left out; a server signed by
    // none of the others is refused.
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}
