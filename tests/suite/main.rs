//! The behaviour tests of `clusapi-sim`, one module per behaviour family, in one test binary:
//! each integration test file is a crate of its own that links the whole library again, so
//! one binary of modules builds in a fraction of the time of thirty.
//! `cargo test --test suite <module>::` runs one family. `robustness` and `readme_tables`
//! regenerate `docs/robustness.md` and the README's tables with `CLUSAPI_SIM_BLESS=1`;
//! `.ci/run` runs `stress` alone under valgrind.

mod buffer_layouts;
mod classic;
mod connections;
mod control;
mod dependency_expression;
mod faults;
mod history;
mod invalid_handles;
mod layers;
mod levers;
mod model_behaviour;
mod model_handles;
mod modern;
mod notifications;
mod notify_v2;
mod pipeline;
mod properties;
mod property_lists;
mod queries;
mod readme_tables;
mod registry;
mod reports;
mod resource_types;
mod robustness;
mod shared_volumes;
mod states;
mod storage;
mod strategies;
mod stress;
mod summary;
mod threads;
mod topology;
mod transitions;
