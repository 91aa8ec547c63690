import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import './styles/theme.css';
import { probeWebGl2 } from './viewer/vtk/webgl-support';

// WebGL2 support, probed off the main thread while the worklist loads: known before a study opens.
void probeWebGl2();

createApp(App).use(createPinia()).mount('#app');
