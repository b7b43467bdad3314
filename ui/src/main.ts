import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { dutchValidity } from "./lib/validity";
import "./lib/first";

dutchValidity(document);

const target = document.getElementById("app");
if (!target) throw new Error("#app ontbreekt in index.html");
export default mount(App, { target });
