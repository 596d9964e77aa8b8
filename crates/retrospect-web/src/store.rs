//! The storage the web application needs: post-mortems and accounts from one
//! database ([`retrospect_store::StoreWithAccounts`]).

pub use retrospect_store::{
    NewApiToken, NewAuditEntry, NewSession, NewUser, StoreWithAccounts as WebStore,
};
